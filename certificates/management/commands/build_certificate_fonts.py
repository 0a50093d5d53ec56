"""Rebuild the CJK certificate fonts in static/fonts/ from Debian's fonts-noto-cjk.

Noto Sans CJK is 19 MB per weight for five regions. Certificates need one face for Chinese
characters and Japanese kana, and one for Korean Hangul, with only the characters names use.

WeasyPrint embeds a subset that keeps glyph ids (HarfBuzz's retain-gids), so a PDF grows with the
highest glyph id a name uses. The glyphs are therefore reordered so the characters names use most
often come first: the frequent levels of the national character sets (GB 2312 level 1,
JIS X 0208 level 1, Big5 frequent, KS X 1001 Hangul), then the rest in Unicode order.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACES = {"sc": 2, "kr": 1}  # font numbers inside the collection
ASCII = [*range(0x20, 0x7F)]  # spaces and digits between CJK words stay in the same font
SYMBOLS = [
    *range(0x3000, 0x3040),
    *range(0x3040, 0x3100),
    *range(0x31F0, 0x3200),
    *range(0xFF00, 0xFFF0),
]
HAN = [*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)]
HANGUL_JAMO = [
    *range(0x1100, 0x1200),
    *range(0x3130, 0x3190),
    *range(0xA960, 0xA980),
    *range(0xD7B0, 0xD800),
]
HANGUL = [*range(0xAC00, 0xD7A4)]


def _decode_range(codec, leads, trails):
    chars = []
    for lead in leads:
        for trail in trails:
            try:
                chars.append(ord(bytes([lead, trail]).decode(codec)))
            except (UnicodeDecodeError, TypeError, ValueError):
                continue
    return chars


def frequent_first(codepoints, first=()):
    """The given code points: `first`, then the frequent levels of the national standards."""
    frequent = [
        *first,
        *_decode_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),  # GB 2312 level 1
        *_decode_range("shift_jis", range(0x88, 0x99), range(0x40, 0xFD)),  # JIS X 0208 level 1
        *_decode_range("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
        *_decode_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),  # KS X 1001 Hangul
        *_decode_range("gb2312", range(0xD8, 0xF8), range(0xA1, 0xFF)),  # GB 2312 level 2
    ]
    wanted = set(codepoints)
    ordered, seen = [], set()
    for cp in [*frequent, *codepoints]:
        if cp in wanted and cp not in seen:
            ordered.append(cp)
            seen.add(cp)
    return ordered


def reorder_glyphs(font, codepoints):
    """Put the glyphs of `codepoints` in that order right after .notdef (CID-keyed CFF)."""
    cmap = font.getBestCmap()
    old_order = font.getGlyphOrder()
    first = [".notdef"]
    for cp in codepoints:
        name = cmap.get(cp)
        if name and name not in first:
            first.append(name)
    placed = set(first)
    new_order = first + [name for name in old_order if name not in placed]
    top = font["CFF "].cff.topDictIndex[0]
    if hasattr(top, "FDSelect"):
        old_index = {name: i for i, name in enumerate(old_order)}
        top.FDSelect.gidArray = [top.FDSelect.gidArray[old_index[name]] for name in new_order]
    top.charset = new_order
    font.setGlyphOrder(new_order)
    return font


class Command(BaseCommand):
    help = "Rebuild the CJK certificate fonts (needs Debian's fonts-noto-cjk). Developers only."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=SOURCE)
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "static" / "fonts"))

    def handle(self, *args, source, out, **options):
        builds = [
            ("NotoSansCJKsc-Han-subset.otf", FACES["sc"], ASCII + SYMBOLS + HAN, ASCII + SYMBOLS),
            ("NotoSansCJKkr-Hangul-subset.otf", FACES["kr"], ASCII + HANGUL_JAMO + HANGUL, ASCII),
        ]
        for filename, face, codepoints, first in builds:
            font = TTCollection(source, lazy=False).fonts[face]
            options = subset.Options()
            options.layout_features = []  # names need no alternates; keeps only mapped glyphs
            options.hinting = False
            options.drop_tables += ["vmtx", "vhea", "VORG"]  # certificates are set horizontally
            options.name_IDs = ["*"]
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=codepoints)
            subsetter.subset(font)
            reorder_glyphs(font, frequent_first(codepoints, first))
            target = Path(out) / filename
            font.save(target)
            self.stdout.write(
                f"{target}: {target.stat().st_size // 1024} KB, {len(font.getGlyphOrder())} glyphs"
            )
