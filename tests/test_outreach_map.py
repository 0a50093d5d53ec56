"""The coverage map: county shapes decoded from the committed atlas, shaded from the dashboard's
figures, one state's counties when a state is chosen, titles escaped, and the same map in the
county table's XLSX export."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from outreach import admin_views, maps
from outreach.services.coverage import CountyRow
from tests.test_outreach_dashboard import small_world  # noqa: F401 (a fixture)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def paths_by_title(svg: str) -> dict[str, str]:
    """{county title: fill} of every county drawn."""
    return {title: fill for fill, title in
            re.findall(r'<path d="[^"]*" fill="([^"]*)"><title>([^<]*)</title>', svg)}


def test_the_atlas_decodes_every_county_with_its_shape():
    counties = maps.counties()
    assert len(counties) == 3142
    alameda = counties["06001"]
    assert alameda.name == "Alameda" and alameda.state == "CA"
    x0, y0, x1, y1 = alameda.bounds
    # The Bay Area, in the atlas's 975x610 frame: at the west edge, a little below half way.
    assert 30 < x0 < x1 < 60 and 250 < y0 < y1 < 280
    assert maps._path("06001", 2).startswith("M") and maps._path("06001", 2).endswith("z")


@pytest.mark.parametrize(("state", "county", "fips"), [
    ("CA", "Alameda", "06001"),
    ("MD", "Baltimore", "24005"),
    ("MD", "Baltimore city", "24510"),  # a county and a city of one name
    ("VA", "Waynesboro city", "51820"),
    ("LA", "Orleans Parish", "22071"),
    ("NY", "Brooklyn Borough", "36047"),
    ("NM", "Doña Ana", "35013"),
    ("CA", "Atlantis", None),
])
def test_census_names_find_their_shape(state, county, fips):
    assert maps.fips_for(state, county) == fips


def test_counties_are_shaded_by_people_trained_in_five_steps():
    assert maps.class_breaks(50) == [10, 20, 30, 40, 50]
    assert maps.class_breaks(12) == [3, 5, 8, 10, 12]
    assert maps.class_breaks(0) == [1, 2, 3, 4, 5]
    rows = [
        CountyRow("CA", "Alameda", people_online=40, people_in_person=10, organisations=3,
                  organisations_reached=2),
        CountyRow("CA", "Contra Costa", people_online=1),
        CountyRow("CA", "Marin", organisations=2),  # in the directory, nobody trained
    ]
    drawn = maps.coverage_map(rows, state="CA")
    titles = paths_by_title(drawn.svg)
    assert titles["Alameda, CA: 50 people trained (40 online, 10 in person); 2 of 3 "
                  "organisations reached"] == maps.SCALE[-1]
    assert titles["Contra Costa, CA: 1 person trained (1 online, 0 in person); 0 of 0 "
                  "organisations reached"] == maps.SCALE[0]
    assert titles["Marin, CA: 0 people trained (0 online, 0 in person); 0 of 2 "
                  "organisations reached"] == "url(#coverage-map-hatch)"
    assert titles["Alpine, CA: no training, no directory entry"] == maps.NO_ENTRY_FILL
    labels = [entry.label for entry in drawn.legend]
    assert labels[:2] == ["1–10 people trained", "11–20 people trained"]
    assert labels[-2:] == ["In the directory, nobody trained", "No training and no directory entry"]


def test_the_scale_gets_darker_in_greyscale_step_by_step():
    def luminance(colour):
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * red + 0.587 * green + 0.114 * blue

    shades = [luminance(colour) for colour in [maps.NO_ENTRY_FILL, *maps.SCALE]]
    assert shades == sorted(shades, reverse=True)
    assert all(a - b > 20 for a, b in zip(shades, shades[1:], strict=False))


def test_a_state_filter_draws_only_that_states_counties_fitted_to_the_frame():
    rows = [CountyRow("CA", "Alameda", people_online=3), CountyRow("NV", "Washoe", people_online=2)]
    drawn = maps.coverage_map(rows, state="CA")
    titles = paths_by_title(drawn.svg)
    assert len(titles) == drawn.drawn == 58  # California's counties, and nothing else
    assert all(title.split(":")[0].endswith(", CA") for title in titles)
    width = float(re.search(r'viewBox="\S+ \S+ (\S+) ', drawn.svg).group(1))
    assert width < 500  # zoomed in on the state, not the 975-wide nation
    # Without a state: the states where the task force works, not the 3,142 of the nation.
    region = maps.coverage_map(rows)
    titles = paths_by_title(region.svg)
    assert region.drawn == len(titles) == 58 + 17  # California's and Nevada's counties
    assert {title.split(":")[0][-2:] for title in titles} == {"CA", "NV"}
    assert "California, Nevada" in region.svg
    nation = maps.coverage_map([])
    assert nation.drawn == 3142
    assert 'viewBox="' in nation.svg and "United States" in nation.svg


def test_typed_county_names_cannot_break_the_svg():
    rows = [CountyRow("CA", '<script>alert("x")</script>', people_online=1),
            CountyRow("CA", "Alameda", people_online=1)]
    drawn = maps.coverage_map(rows, state="CA")
    assert "<script" not in drawn.svg
    assert drawn.unmapped == 1  # in the table, not on the map
    # A matched county's name is escaped in its title too.
    svg = maps.coverage_map([CountyRow("CA", "Alameda & <b>", people_online=1)], state="CA").svg
    assert "<b>" not in svg


def test_the_map_is_an_image_with_a_title_description_and_a_text_alternative():
    drawn = maps.coverage_map([], state="CA", described_by="coverage-map-note")
    opening = drawn.svg[: drawn.svg.index("<defs>")]
    assert 'role="img"' in opening
    assert 'aria-labelledby="coverage-map-title coverage-map-desc"' in opening
    assert 'aria-describedby="coverage-map-note"' in opening
    assert "People trained by county: California" in opening


def test_the_dashboard_shows_the_map_without_extra_queries(
        coordinator_client, small_world, settings, monkeypatch):  # noqa: F811
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 0
    url = reverse("coverage:dashboard") + "?state=CA"
    coordinator_client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as with_map:
        page = coordinator_client.get(url).content.decode()
    assert 'id="coverage-map-heading"' in page
    assert 'aria-describedby="coverage-map-note"' in page and 'id="coverage-map-note"' in page
    titles = paths_by_title(page)
    alameda = next(title for title in titles if title.startswith("Alameda, CA:"))
    assert "12 people trained" in alameda and "1 of 1 organisations reached" in alameda
    contra_costa = next(title for title in titles if title.startswith("Contra Costa, CA:"))
    assert titles[contra_costa] == "url(#coverage-map-hatch)"

    monkeypatch.setattr(admin_views.maps, "coverage_map", lambda *args, **kwargs: None)
    with CaptureQueriesContext(connection) as without_map:
        coordinator_client.get(url)
    assert len(with_map) == len(without_map)


def test_the_county_export_has_the_map_as_a_picture(coordinator_client, small_world):  # noqa: F811
    response = coordinator_client.get(reverse("coverage:counties") + "?state=CA&export=xlsx")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames == ["Counties", "Map"]
    assert [row[1] for row in workbook["Counties"].iter_rows(min_row=2, values_only=True)] == [
        "Alameda", "Contra Costa"]
    sheet = workbook["Map"]
    assert sheet["B2"].value == "1–3 people trained"  # fifths of Alameda's 12
    assert sheet["B7"].value == "In the directory, nobody trained"
    assert len(sheet._images) == 1
    picture = Image.open(io.BytesIO(sheet._images[0]._data()))
    assert picture.width == 900 and picture.height > 900  # California is taller than wide
    # The shaded county is in the picture: the darkest step colours some pixels.
    darkest = tuple(int(maps.SCALE[-1][i:i + 2], 16) for i in (1, 3, 5))
    assert darkest in {colour for _count, colour in picture.convert("RGB").getcolors(1 << 20)}
