"""A font for the words a sponsor types into a report's boxes, Cyrillic included.

A form field names the font its words are drawn in; the usual one, Helvetica, has no Cyrillic,
and poppler (Evince, Okular) then draws a Russian sponsor's words as dots. So the form carries
its own: DejaVu Sans cut down to the Latin, Cyrillic and punctuation a sponsor types
(``resources/fonts/form-font.ttf``, made by ``tools/make_form_font.py`` from the DejaVu Sans
matplotlib ships), added as a CID font whose character codes are the Unicode code points
(Identity-H, and a CIDToGIDMap from code point to glyph): the way poppler itself adds a font to
a form, and what its appearance writer expects (it writes each character's code point as its
code).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from functools import cache

from recovery_journal.package_data import resource

FONT_NAME = "DejaVuSans"
FONT_FILE = ("fonts", "form-font.ttf")
# What a sponsor types: Latin with its accents, Cyrillic, punctuation, the euro and numero signs.
RANGES = ((0x20, 0x24F), (0x400, 0x52F), (0x2010, 0x2044), (0x20AC, 0x20AC), (0x2116, 0x2116))


@dataclass(frozen=True, slots=True)
class FormFont:
    data: bytes  # the font file
    glyphs: dict[int, int]  # code point to glyph
    widths: dict[int, int]  # code point to advance, per 1000 of the type size
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


def subset_font(source: bytes) -> bytes:
    """DejaVu Sans (``source``) cut down to ``RANGES``: what tools/make_form_font.py keeps."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its notes are not the person's
    options = subset.Options()
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader uses
    options.notdef_outline = True
    options.name_IDs = ["*"]  # the copyright and licence stay with the font
    options.hinting = False
    options.layout_features = []
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)  # the same file every time
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def form_font() -> FormFont | None:
    """The shipped font and what a PDF needs to know of it; None if it is missing."""
    try:
        data = resource(*FONT_FILE).read_bytes()
    except OSError:
        return None
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    order = {name: number for number, name in enumerate(font.getGlyphOrder())}
    metrics = font["hmtx"]
    head, hhea = font["head"], font["hhea"]
    return FormFont(
        data=data,
        glyphs={code: order[name] for code, name in cmap.items()},
        widths={code: round(metrics[name][0] * scale) for code, name in cmap.items()},
        bbox=(
            round(head.xMin * scale),
            round(head.yMin * scale),
            round(head.xMax * scale),
            round(head.yMax * scale),
        ),
        ascent=round(hhea.ascent * scale),
        descent=round(hhea.descent * scale),
        cap_height=round(getattr(font["OS/2"], "sCapHeight", hhea.ascent) * scale),
    )
