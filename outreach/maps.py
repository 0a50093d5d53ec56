"""The coverage map: counties shaded by people trained, drawn on the server as SVG (for the
dashboard) and as PNG (for the XLSX export), with no script, no tiles and nothing fetched.

The shapes are the Census Bureau's county boundaries as the us-atlas package ships them
(static/outreach/counties-albers-10m.json, ISC): TopoJSON already projected to a 975x610 Albers
USA frame, so drawing is scaling, not projecting. The file is decoded once per process.

Figures come from Coverage.counties (what the dashboard has already computed and cached): this
module reads no database. A county row maps to its shape by state and county name; a row whose
county the census list does not know (a learner's own spelling) is in the table but not on the
map, and the map says how many such rows there are.
"""

import dataclasses
import functools
import json
import math
from pathlib import Path

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from redflag.lib.regions import STATE_NAMES

from .regions import county_key

ATLAS_FILE = Path(settings.BASE_DIR) / "static" / "outreach" / "counties-albers-10m.json"
WIDTH, HEIGHT = 975, 610

# State FIPS codes: the first two digits of a county's five-digit id in the atlas.
STATE_FIPS = {
    "AL": "01", "AK": "02", "AZ": "04", "AR": "05", "CA": "06", "CO": "08", "CT": "09",
    "DE": "10", "DC": "11", "FL": "12", "GA": "13", "HI": "15", "ID": "16", "IL": "17",
    "IN": "18", "IA": "19", "KS": "20", "KY": "21", "LA": "22", "ME": "23", "MD": "24",
    "MA": "25", "MI": "26", "MN": "27", "MS": "28", "MO": "29", "MT": "30", "NE": "31",
    "NV": "32", "NH": "33", "NJ": "34", "NM": "35", "NY": "36", "NC": "37", "ND": "38",
    "OH": "39", "OK": "40", "OR": "41", "PA": "42", "RI": "44", "SC": "45", "SD": "46",
    "TN": "47", "TX": "48", "UT": "49", "VT": "50", "VA": "51", "WA": "53", "WV": "54",
    "WI": "55", "WY": "56", "AS": "60", "GU": "66", "MP": "69", "PR": "72", "VI": "78",
}
STATE_OF_FIPS = {fips: state for state, fips in STATE_FIPS.items()}

# Five steps of one hue, light to dark: each step is darker in greyscale too, so the order reads
# without colour. The lightest is still clearly darker than the white of "no directory entry".
SCALE = ["#fcbba1", "#fc9272", "#ef5b3f", "#c4161c", "#67000d"]
NO_ENTRY_FILL = "#ffffff"
# Organisations in the directory, none reached: hatched, so it never reads as a shade of the scale.
HATCH_COLOUR = "#475467"
# County borders: 4.9:1 against white, so every shape, however pale, has a visible edge.
BORDER_COLOUR = "#667085"


@dataclasses.dataclass(frozen=True)
class CountyShape:
    fips: str
    name: str
    rings: tuple  # of tuples of (x, y); each polygon's first ring is its outline, others holes
    bounds: tuple  # (x0, y0, x1, y1)

    @property
    def state(self) -> str:
        return STATE_OF_FIPS.get(self.fips[:2], "")


def _decode(data: dict) -> dict[str, CountyShape]:
    """TopoJSON's county geometries as rings of points: each arc is delta-encoded integers that
    the transform scales back; a negative arc index (~i) is arc i walked backwards."""
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    arcs = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            # Consecutive arcs share their joining point.
            points.extend(arc if not points else arc[1:])
        return tuple(points)

    shapes = {}
    for geometry in data["objects"]["counties"]["geometries"]:
        polygons = ([geometry["arcs"]] if geometry["type"] == "Polygon"
                    else geometry["arcs"])
        rings = tuple(ring(indexes) for polygon in polygons for indexes in polygon)
        xs = [x for r in rings for x, _y in r]
        ys = [y for r in rings for _x, y in r]
        shapes[geometry["id"]] = CountyShape(
            geometry["id"], geometry["properties"]["name"], rings,
            (min(xs), min(ys), max(xs), max(ys)))
    return shapes


@functools.lru_cache(maxsize=1)
def counties() -> dict[str, CountyShape]:
    """Every county shape by five-digit FIPS id, decoded once per process."""
    with ATLAS_FILE.open(encoding="utf-8") as handle:
        return _decode(json.load(handle))


def warm() -> None:
    """Decode the shapes and the names' table now (deploy/gunicorn.conf.py, as a worker starts)
    rather than on a coordinator's first dashboard."""
    counties()
    _fips_by_name()


@functools.lru_cache(maxsize=1)
def _fips_by_name() -> dict[tuple[str, str], str]:
    """(state, county key) → FIPS. Where a state has a county and an independent city of one
    name (Baltimore, St. Louis, Richmond VA), the city's code is 500 or above and it is keyed as
    "<name> city", the way the census list names it."""
    table: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], list[str]] = {}
    for shape in counties().values():
        seen.setdefault((shape.state, county_key(shape.name)), []).append(shape.fips)
    for (state, key), ids in seen.items():
        for fips in ids:
            city = len(ids) > 1 and int(fips[2:]) >= 500
            table[state, f"{key} city" if city else key] = fips
    return table


def fips_for(state: str, county: str) -> str | None:
    """The atlas id of a county named as the census list names it, or None."""
    table = _fips_by_name()
    key = county_key(county)
    fips = table.get((state, key)) or ALIASES.get((state, key))
    if fips is None and key.endswith(" city"):  # "Waynesboro city" is "Waynesboro" in the atlas
        fips = table.get((state, key[: -len(" city")]))
    return fips


@functools.lru_cache(maxsize=8192)
def _path(fips: str, decimals: int) -> str:
    """A county's SVG path data: points on a grid of 10**-decimals, each written relative to the
    one before (short numbers: the national map is half the size), repeats dropped."""
    grid = 10 ** decimals

    def text(value: int) -> str:
        if not decimals:
            return str(value)
        return f"{value / grid:.{decimals}f}".rstrip("0").rstrip(".")

    parts = []
    for ring in counties()[fips].rings:
        points = []
        for x, y in ring:
            point = (round(x * grid), round(y * grid))
            if not points or point != points[-1]:
                points.append(point)
        steps = [f"M{text(points[0][0])},{text(points[0][1])}l"]
        steps.append(" ".join(
            f"{text(x - px)},{text(y - py)}"
            for (px, py), (x, y) in zip(points, points[1:], strict=False)))
        parts.append("".join(steps) + "z")
    return "".join(parts)


# Census names the atlas (2017 boundaries) spells otherwise, or the census list's other names.
ALIASES = {
    ("NY", "brooklyn"): "36047", ("NY", "manhattan"): "36061", ("NY", "the bronx"): "36005",
    ("NY", "staten island"): "36085", ("DC", "washington"): "11001", ("LA", "la salle"): "22059",
    ("AK", "wade hampton"): "02158", ("SD", "shannon"): "46102",
}


@dataclasses.dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str
    hatched: bool = False


@dataclasses.dataclass
class CoverageMap:
    svg: str
    legend: list
    drawn: int  # counties drawn
    unmapped: int  # rows with figures whose county is not on the map
    shapes: list  # (CountyShape, fill, hatched) in drawing order, for the PNG


def class_breaks(maximum: int, steps: int = len(SCALE)) -> list[int]:
    """The top of each step: equal fifths of the largest figure, whole numbers, so the county
    with most people trained is always the darkest; 1 to 5 when nobody has more than 5."""
    if maximum <= steps:
        return list(range(1, steps + 1))
    return [math.ceil(maximum * (index + 1) / steps) for index in range(steps)]


def step_of(people: int, breaks: list[int]) -> int:
    for index, top in enumerate(breaks):
        if people <= top:
            return index
    return len(breaks) - 1


def _legend(breaks: list[int]) -> list[LegendEntry]:
    entries, low = [], 1
    for colour, top in zip(SCALE, breaks, strict=True):
        if low < top:
            label = _("%(low)s–%(high)s people trained") % {"low": low, "high": top}
        else:
            label = ngettext("%(count)s person trained", "%(count)s people trained", low) % {
                "count": low}
        entries.append(LegendEntry(label, colour))
        low = top + 1
    entries.append(LegendEntry(_("In the directory, nobody trained"), NO_ENTRY_FILL, True))
    entries.append(LegendEntry(_("No training and no directory entry"), NO_ENTRY_FILL))
    return entries


def _title(name: str, state: str, row) -> str:
    place = f"{name}, {state}"
    if row is None:
        return _("%(place)s: no training, no directory entry") % {"place": place}
    return ngettext(
        "%(place)s: %(people)s person trained (%(online)s online, %(in_person)s in person); "
        "%(reached)s of %(organisations)s organisations reached",
        "%(place)s: %(people)s people trained (%(online)s online, %(in_person)s in person); "
        "%(reached)s of %(organisations)s organisations reached", row.people) % {
        "place": place, "people": row.people, "online": row.people_online,
        "in_person": row.people_in_person, "reached": row.organisations_reached,
        "organisations": row.organisations}


def coverage_map(rows, *, state: str = "", described_by: str = "") -> CoverageMap:
    """The map of `rows` (CountyRow): the counties of `state` when given, else of every state
    where the task force has organisations or trained people (the whole nation for a site with
    neither yet). A task force works in a region: drawing 3,142 counties for it would make the
    dashboard half a megabyte."""
    by_fips, unmapped = {}, 0
    for row in rows:
        fips = fips_for(row.state, row.county) if row.state and row.county else None
        if fips is None:
            unmapped += bool(row.people or row.organisations)
            continue
        if state and row.state != state:
            continue
        if fips in by_fips:  # two spellings the census list merges: add them up
            previous = by_fips[fips]
            row = dataclasses.replace(
                previous, people_online=previous.people_online + row.people_online,
                people_in_person=previous.people_in_person + row.people_in_person,
                organisations=previous.organisations + row.organisations,
                organisations_reached=previous.organisations_reached + row.organisations_reached)
        by_fips[fips] = row

    states = {state} if state else {STATE_OF_FIPS[fips[:2]] for fips, row in by_fips.items()
                                     if (row.people or row.organisations)
                                     and fips[:2] in STATE_OF_FIPS}
    shapes = [shape for shape in counties().values() if not states or shape.state in states]
    if shapes:
        x0 = min(shape.bounds[0] for shape in shapes)
        y0 = min(shape.bounds[1] for shape in shapes)
        x1 = max(shape.bounds[2] for shape in shapes)
        y1 = max(shape.bounds[3] for shape in shapes)
    else:  # a territory the atlas does not draw
        x0, y0, x1, y1 = 0, 0, WIDTH, HEIGHT
    margin = max(x1 - x0, y1 - y0) * 0.02
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    scale = max(x1 - x0, y1 - y0) / WIDTH  # 1 on the national map, less on a state's
    # Whole units nationally (a unit is a pixel at full width); two decimals keep a state's
    # small counties smooth when its counties fill the frame.
    decimals = 0 if scale > 0.5 else 2
    breaks = class_breaks(max((row.people for row in by_fips.values()), default=0))

    if not states:
        region = _("United States")
    elif len(states) <= 3:
        region = ", ".join(sorted(str(STATE_NAMES.get(code, code)) for code in states))
    else:
        region = ngettext("%(count)s state", "%(count)s states", len(states)) % {
            "count": len(states)}
    title = _("People trained by county: %(region)s") % {"region": region}
    trained = sum(1 for row in by_fips.values() if row.people)
    description = ngettext(
        "%(trained)s county with people trained, shaded from light (fewest) to dark (most); "
        "hatched counties have organisations in the directory but nobody trained.",
        "%(trained)s counties with people trained, shaded from light (fewest) to dark (most); "
        "hatched counties have organisations in the directory but nobody trained.",
        trained) % {"trained": trained}
    labelled = "coverage-map-title coverage-map-desc"
    parts = [format_html(
        '<svg class="coverage-map" viewBox="{} {} {} {}" role="img" aria-labelledby="{}"{} '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="coverage-map-title">{}</title><desc id="coverage-map-desc">{}</desc>'
        '<defs><pattern id="coverage-map-hatch" width="{}" height="{}" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="{}" height="{}" fill="{}"/>'
        '<line x1="0" y1="0" x2="0" y2="{}" stroke="{}" stroke-width="{}"/></pattern></defs>'
        '<g stroke="{}" stroke-width="{}" stroke-linejoin="round" fill-rule="evenodd">',
        f"{x0:.2f}", f"{y0:.2f}", f"{x1 - x0:.2f}", f"{y1 - y0:.2f}", labelled,
        format_html(' aria-describedby="{}"', described_by) if described_by else "",
        title, description,
        f"{4 * scale:.3f}", f"{4 * scale:.3f}", f"{4 * scale:.3f}", f"{4 * scale:.3f}",
        NO_ENTRY_FILL, f"{4 * scale:.3f}", HATCH_COLOUR, f"{1.5 * scale:.3f}",
        BORDER_COLOUR, f"{0.5 * scale:.3f}",
    )]
    drawn_shapes = []
    # Largest first, so a city inside a county (drawn as its hole too) sits on top in the PNG.
    shapes.sort(key=lambda shape: -(shape.bounds[2] - shape.bounds[0])
                * (shape.bounds[3] - shape.bounds[1]))
    for shape in shapes:
        row = by_fips.get(shape.fips)
        hatched = False
        if row is not None and row.people:
            fill = SCALE[step_of(row.people, breaks)]
        elif row is not None and row.organisations:
            fill, hatched = "url(#coverage-map-hatch)", True
        else:
            fill = NO_ENTRY_FILL
        name = row.county if row is not None else shape.name
        # A plain format, not format_html, for the few hundred paths: the path data and the
        # fill are this module's own digits and colours; only the title carries names.
        title = escape(_title(name, shape.state, row))
        parts.append(f'<path d="{_path(shape.fips, decimals)}" fill="{fill}"><title>{title}</title>'
                     "</path>")
        drawn_shapes.append((shape, NO_ENTRY_FILL if hatched else fill, hatched))
    parts.append(mark_safe("</g></svg>"))
    return CoverageMap(svg=mark_safe("".join(str(part) for part in parts)),
                       legend=_legend(breaks), drawn=len(shapes), unmapped=unmapped,
                       shapes=drawn_shapes)


def _rgb(colour: str) -> tuple:
    return tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5))


def png(coverage: CoverageMap, *, width: int = 975) -> bytes:
    """The same map as a PNG, drawn with Pillow from the same shapes and fills, for the XLSX
    export (spreadsheet programs do not all show SVG). Holes are not cut: a county's hole is
    another county, drawn after it because shapes come largest first."""
    import io

    from PIL import Image, ImageChops, ImageDraw

    shapes = [shape for shape, _fill, _hatched in coverage.shapes]
    if shapes:
        x0 = min(shape.bounds[0] for shape in shapes)
        y0 = min(shape.bounds[1] for shape in shapes)
        x1 = max(shape.bounds[2] for shape in shapes)
        y1 = max(shape.bounds[3] for shape in shapes)
    else:
        x0, y0, x1, y1 = 0, 0, WIDTH, HEIGHT
    pad = 8
    factor = (width - 2 * pad) / max(x1 - x0, 1e-9)
    height = int((y1 - y0) * factor) + 2 * pad
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    hatch_mask = Image.new("L", (width, height), 0)
    hatch_draw = ImageDraw.Draw(hatch_mask)
    border = _rgb(BORDER_COLOUR)
    for shape, fill, hatched in coverage.shapes:
        for ring in shape.rings:
            points = [((x - x0) * factor + pad, (y - y0) * factor + pad) for x, y in ring]
            if len(points) < 3:
                continue
            draw.polygon(points, fill=_rgb(fill), outline=border)
            if hatched:
                hatch_draw.polygon(points, fill=255)
    # Diagonal lines, kept only inside the hatched counties.
    lines = Image.new("L", (width, height), 0)
    lines_draw = ImageDraw.Draw(lines)
    for start in range(-height, width, 6):
        lines_draw.line([(start, height), (start + height, 0)], fill=255)
    image.paste(_rgb(HATCH_COLOUR), mask=ImageChops.multiply(lines, hatch_mask))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
