"""Where everything goes on a page of badges, as a list of marks any renderer can draw.

The same marks make the PDF (reportlab, exports/badges.py) and the pages sent to a printer from
the desk (Qt, ui/widgets/badge_painter.py), so a badge printed either way looks the same.
Coordinates are PDF points from the page's bottom-left corner; text is in visual order (Arabic
joined and right-to-left runs reversed), left-aligned at its computed x.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitator.exports.badge_names import fit_name
from facilitator.exports.fonts import ASCENT, LEADING, FittedText, fit_text, register_fonts
from facilitator.exports.qr import qr_matrix
from facilitator.exports.snapshots import BadgeData

Size = tuple[float, float]  # largest and smallest font size, in points
Rgb = tuple[float, float, float]

NO_TYPE_COLOUR = "#6B7280"
# One pixel at 150 dpi. QR modules are whole pixels there (and at 300, 600 dpi) and start on a
# pixel edge: rendered without grey anti-aliased edges, every code reads back with zbar, where
# about one in two hundred was missed on full A4 sheets otherwise.
PIXEL = 72 / 150
QR_MODULES = 33  # a version 2 code with its quiet zone: every badge token fits in one
CUT_MARK_LENGTH = 5 * mm
CUT_MARK_OFFSET = 1.5 * mm  # cut marks stop short of the badge so that none shows after cutting


@dataclass(frozen=True)
class BadgeStyle:
    """Where things go on one badge and how large they may be (points)."""

    pad: float  # margin of the text from the badge's edges
    band: float  # height of the participant type's colour band, at the top
    qr_module: float  # side of one QR module: a whole number of PIXELs
    qr_inset: float  # from the badge's bottom (and right, beside the text) edge to the QR code
    gap: float  # between blocks of text
    band_text: Size
    title: Size
    dates: Size
    name: Size  # the smallest is the readable floor: a longer name is cut with « … »
    organisation: Size
    function: Size
    portrait: bool  # QR code below the text (portrait) or beside it (landscape)

    @property
    def qr(self) -> float:
        """Side of the square kept for the QR code, quiet zone included."""
        return QR_MODULES * self.qr_module


@dataclass(frozen=True)
class Layout:
    """A page of badges: page and badge sizes, the grid, and the badge's style."""

    page: tuple[float, float]
    badge: tuple[float, float]
    columns: int
    rows: int
    style: BadgeStyle
    cut_marks: bool

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def cells(self) -> list[tuple[float, float]]:
        """Bottom-left corners of the badges of a page, left to right, top to bottom."""
        (page_w, page_h), (w, h) = self.page, self.badge
        left = (page_w - self.columns * w) / 2
        top = page_h - (page_h - self.rows * h) / 2
        return [
            (left + column * w, top - (row + 1) * h)
            for row in range(self.rows)
            for column in range(self.columns)
        ]


# The name's smallest size is where it stops shrinking and is cut with « … » instead. 12 pt in
# DejaVu Sans Bold has an x-height of 2.3 mm (0.55 em): 0.2° of sight, the critical print size
# below which reading slows down, at 66 cm, about the distance between two people shaking
# hands. An A6 badge hangs lower and is read from further away (about 80 cm): 14 pt.
READABLE_NAME = 12.0
READABLE_NAME_A6 = 14.0

_LANDSCAPE_A4_8 = BadgeStyle(
    pad=4 * mm,
    band=9 * mm,
    qr_module=6 * PIXEL,
    qr_inset=2 * mm,
    gap=1.6 * mm,
    band_text=(11, 6),
    title=(8, 5.5),
    dates=(7, 5),
    name=(20, READABLE_NAME),
    organisation=(10, 6.5),
    function=(8.5, 6),
    portrait=False,
)
_PORTRAIT_A6 = BadgeStyle(
    pad=7 * mm,
    band=18 * mm,
    qr_module=9 * PIXEL,
    qr_inset=8 * mm,
    gap=2.5 * mm,
    band_text=(16, 8),
    title=(12, 7),
    dates=(10, 6),
    name=(32, READABLE_NAME_A6),
    organisation=(13, 8),
    function=(11.5, 7),
    portrait=True,
)
_LANDSCAPE_CR80 = BadgeStyle(
    pad=3 * mm,
    band=7 * mm,
    qr_module=5 * PIXEL,
    qr_inset=1.5 * mm,
    gap=1.2 * mm,
    band_text=(9, 5),
    title=(6.5, 4.5),
    dates=(5.5, 4.5),
    name=(15, READABLE_NAME),
    organisation=(7.5, 5.5),
    function=(6.5, 5),
    portrait=False,
)
LAYOUTS: dict[str, Layout] = {
    # 10×7 cm badges for the common holders, 2 × 4 on portrait A4 with cut marks in the margins.
    "a4-8": Layout(A4, (100 * mm, 70 * mm), 2, 4, _LANDSCAPE_A4_8, cut_marks=True),
    # A6 portrait badges, the four quarters of an A4 sheet.
    "a6-4": Layout(A4, (A4[0] / 2, 148 * mm), 2, 2, _PORTRAIT_A6, cut_marks=True),
    # One ID-1 (CR80) card per page, for card printers.
    "cr80": Layout((86 * mm, 54 * mm), (86 * mm, 54 * mm), 1, 1, _LANDSCAPE_CR80, cut_marks=False),
}
DEFAULT_LAYOUT = "a4-8"


# -- the marks ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fill:
    """A filled rectangle without outline."""

    x: float
    y: float
    w: float
    h: float
    rgb: Rgb


@dataclass(frozen=True)
class Outline:
    """A rectangle's outline (a hairline along a cut)."""

    x: float
    y: float
    w: float
    h: float
    width: float
    grey: float


@dataclass(frozen=True)
class Line:
    """A straight line (a cut mark in the margin)."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    grey: float


@dataclass(frozen=True)
class Text:
    """One line of text; `x` is its left end, `baseline` its baseline."""

    x: float
    baseline: float
    text: str
    font: str
    size: float
    grey: float


@dataclass(frozen=True)
class Code:
    """A QR code's modules (quiet zone included) in the square of `side` at (x, y)."""

    matrix: tuple[tuple[bool, ...], ...]
    x: float
    y: float
    side: float


Mark = Fill | Outline | Line | Text | Code


def pages(badges: Sequence[BadgeData], spec: Layout) -> list[list[Mark]]:
    """The marks of each page: cut guides, then the badges in reading order."""
    cells = spec.cells()
    result: list[list[Mark]] = []
    for first in range(0, len(badges), spec.per_page):
        chunk = badges[first : first + spec.per_page]
        marks = guide_marks(spec, len(chunk))
        for badge, (x, y) in zip(chunk, cells, strict=False):
            marks.extend(badge_marks(badge, x, y, spec))
        result.append(marks)
    return result


def guide_marks(spec: Layout, used: int) -> list[Mark]:
    """Hairlines along the cuts of a sheet, and cut marks in the margins where there is room."""
    if not spec.cut_marks:
        return []
    w, h = spec.badge
    marks: list[Mark] = [Outline(x, y, w, h, 0.25, 0.7) for x, y in spec.cells()[:used]]
    cells = spec.cells()
    xs = sorted({x for x, _y in cells} | {x + w for x, _y in cells})
    ys = sorted({y for _x, y in cells} | {y + h for _x, y in cells})
    page_w, page_h = spec.page
    for x in xs:  # vertical cuts: marks above and below the grid
        marks += _mark((x, ys[-1]), (0, 1), page_h - ys[-1])
        marks += _mark((x, ys[0]), (0, -1), ys[0])
    for y in ys:  # horizontal cuts: marks left and right of the grid
        marks += _mark((xs[0], y), (-1, 0), xs[0])
        marks += _mark((xs[-1], y), (1, 0), page_w - xs[-1])
    return marks


def _mark(start: tuple[float, float], way: tuple[int, int], room: float) -> list[Mark]:
    length = min(CUT_MARK_LENGTH, room - CUT_MARK_OFFSET - 0.5 * mm)
    if length < 2 * mm:
        return []  # no margin there: the hairline along the cut is the guide
    (x, y), (dx, dy) = start, way
    x0, y0 = x + dx * CUT_MARK_OFFSET, y + dy * CUT_MARK_OFFSET
    return [Line(x0, y0, x0 + dx * length, y0 + dy * length, 0.5, 0.0)]


@lru_cache(maxsize=1024)
def _fit(
    paragraphs: tuple[str, ...], font: str, width: float, height: float, sizes: Size
) -> FittedText:
    return fit_text(paragraphs, font, width, height, *sizes)


@lru_cache(maxsize=256)
def _fit_dates(dates: str, venue: str, font: str, width: float, sizes: Size) -> FittedText:
    """« 25–27 mars 2025 · Hôtel BIG FAIM, Thiès » on one line, else dates above venue."""
    height = 2 * sizes[0] * LEADING
    joined = " · ".join(part for part in (dates, venue) if part)
    one_line = fit_text([joined], font, width, height, *sizes, wrap_gain=math.inf)
    if len(one_line.lines) == 1 and one_line.size >= 0.8 * sizes[0]:
        return one_line
    return fit_text([dates, venue], font, width, height, *sizes)


def rgb(colour: str) -> Rgb:
    """#RRGGBB as three fractions; a missing or malformed colour is the « no type » grey."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour or ""):
        colour = NO_TYPE_COLOUR
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _text_on(colour: Rgb) -> float:
    """Black or white (as a grey level), whichever reads better on the colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 0.0 if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else 1.0


def _lines(
    marks: list[Mark],
    text: FittedText,
    box: tuple[float, float],
    top: float,
    centred: bool,
    grey: float,
) -> float:
    """Add fitted lines from `top` down, between box's left and right; the y under the last."""
    left, right = box
    y = top
    for line in text.lines:
        x = left
        if centred:
            x = (left + right) / 2 - stringWidth(line, text.font, text.size) / 2
        marks.append(Text(x, y - text.size * ASCENT, line, text.font, text.size, grey))
        y -= text.pitch
    return y


def _code(token: str, x: float, y: float, spec: Layout) -> Code:
    """The QR code in the square kept for it at (x, y), on the 150 dpi pixel grid."""
    matrix = qr_matrix(token)
    module = min(spec.style.qr_module, spec.style.qr / len(matrix))
    side = module * len(matrix)
    x += (spec.style.qr - side) / 2
    top = spec.page[1] - y - (spec.style.qr + side) / 2  # from the top edge, as renderers count
    x, top = round(x / PIXEL) * PIXEL, round(top / PIXEL) * PIXEL
    return Code(tuple(tuple(row) for row in matrix), x, spec.page[1] - top - side, side)


def badge_marks(badge: BadgeData, x: float, y: float, spec: Layout) -> list[Mark]:
    """The marks of one badge with its bottom-left corner at (x, y)."""
    regular, bold = register_fonts()
    s = spec.style
    w, h = spec.badge
    left, right = x + s.pad, x + w - s.pad
    centred = s.portrait
    marks: list[Mark] = []

    colour = rgb(badge.colour)
    marks.append(Fill(x, y + h - s.band, w, s.band, colour))
    if badge.category:
        band_pad = min(s.pad, s.band * 0.18)
        label = _fit((badge.category,), bold, right - left, s.band - 2 * band_pad, s.band_text)
        band_top = y + h - (s.band - label.height) / 2
        _lines(marks, label, (left, right), band_top, centred, _text_on(colour))

    top = y + h - s.band - s.gap
    title = _fit((badge.workshop_title,), bold, right - left, 2 * s.title[0] * LEADING, s.title)
    top = _lines(marks, title, (left, right), top, centred, 0.3)
    dates = _fit_dates(badge.workshop_dates, badge.venue, regular, right - left, s.dates)
    top = _lines(marks, dates, (left, right), top, centred, 0.3) - s.gap

    if s.portrait:
        qr_x, qr_y = x + (w - s.qr) / 2, y + s.qr_inset
        bottom, text_right = qr_y + s.qr + s.gap, right
    else:
        qr_x, qr_y = x + w - s.qr_inset - s.qr, y + s.qr_inset
        bottom, text_right = y + s.pad, qr_x - 0.5 * mm
    marks.append(_code(badge.token, qr_x, qr_y, spec))

    width = text_right - left
    organisation = _fit(
        (badge.organisation,), regular, width, 2 * s.organisation[0] * LEADING, s.organisation
    )
    function = _fit((badge.function,), regular, width, 2 * s.function[0] * LEADING, s.function)
    blocks = [
        (block, grey) for block, grey in ((organisation, 0.1), (function, 0.35)) if block.lines
    ]
    room = top - bottom - sum(block.height + s.gap for block, _grey in blocks)
    name = fit_name((badge.first_name, badge.last_name.upper()), bold, width, room, s.name)
    height = name.height + sum(block.height + s.gap for block, _grey in blocks)
    box = (left, text_right)
    y_text = _lines(marks, name, box, (top + bottom + height) / 2, centred, 0.0)
    for block, grey in blocks:
        y_text = _lines(marks, block, box, y_text - s.gap, centred, grey)
    return marks
