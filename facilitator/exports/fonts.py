"""The embedded PDF font (Latin and Arabic), right-to-left shaping, and fitting text into a box."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from arabic_reshaper import reshape
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator.resources import resource_path

REGULAR = "FacilitatorSans"
BOLD = "FacilitatorSans-Bold"
LEADING = 1.2  # line pitch as a multiple of the font size
ASCENT = 0.93  # DejaVu Sans: baseline below the top of a line, as a multiple of the size
FLOOR_SIZE = 1.0  # below the smallest size asked for, text still shrinks to this rather than spill
_STEP = 0.25
WRAP_GAIN = 1.25  # two lines rather than one only when they print at least this much larger

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab once; returns their names."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    # As a family too, so that paragraphs (the attendance sheet's table) find the bold face.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


@lru_cache(maxsize=8192)
def visual(text: str) -> str:
    """Text as it is drawn: Arabic letters joined and right-to-left runs put in visual order.

    reportlab draws characters one after the other, as given; Latin text is left untouched.
    """
    if not _ARABIC.search(text):
        return text
    return str(get_display(reshape(text)))


@dataclass(frozen=True)
class FittedText:
    """Lines ready to draw (visual order) at one size, that fit the box they were made for."""

    lines: tuple[str, ...]
    size: float
    font: str

    @property
    def pitch(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return len(self.lines) * self.pitch


@lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    return float(pdfmetrics.stringWidth(visual(text), font, 1.0))


def _two_lines(text: str, font: str) -> tuple[str, str] | None:
    """The split of `text` into two lines whose longer line is shortest.

    Words stay whole when there are several; a single long word is split between characters.
    """
    words = text.split()
    if len(words) > 1:
        cuts = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    elif len(text) > 1:
        cuts = [(text[:i], text[i:]) for i in range(1, len(text))]
    else:
        return None
    return min(cuts, key=lambda pair: max(_unit_width(pair[0], font), _unit_width(pair[1], font)))


def _round_down(size: float) -> float:
    return int(size / _STEP) * _STEP


def fit_text(
    paragraphs: Sequence[str],
    font: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    wrap_gain: float = WRAP_GAIN,
) -> FittedText:
    """Fit paragraphs (each starting a new line) into width × height points.

    Each paragraph is kept on one line, shrinking from `max_size` down to `min_size`; the longest
    go on two lines when that is not enough, or when two lines print `wrap_gain` times larger.
    Text that does not fit on two lines at `min_size` shrinks further: it never spills out.
    """
    texts = [" ".join(p.split()) for p in paragraphs]
    texts = [t for t in texts if t]
    if not texts or width <= 0 or height <= 0:
        return FittedText((), min_size, font)
    single = [_unit_width(t, font) for t in texts]
    one_line = _round_down(min(max_size, width / max(single), height / (len(texts) * LEADING)))
    if one_line >= max_size:
        return FittedText(tuple(visual(t) for t in texts), one_line, font)
    splits = [_two_lines(t, font) for t in texts]
    doubles = [
        max(_unit_width(pair[0], font), _unit_width(pair[1], font)) if pair else one
        for pair, one in zip(splits, single, strict=True)
    ]
    size = _round_down(max_size)
    while size > FLOOR_SIZE:
        lines = _lines_at(size, width, texts, splits, single, doubles)
        if lines is not None and len(lines) * size * LEADING <= height:
            break
        size -= _STEP
    size = max(size, FLOOR_SIZE)
    if one_line >= min_size and size < one_line * wrap_gain:
        return FittedText(tuple(visual(t) for t in texts), one_line, font)
    lines = _lines_at(size, width, texts, splits, single, doubles) or texts
    return FittedText(tuple(visual(line) for line in lines), size, font)


def _lines_at(
    size: float,
    width: float,
    texts: list[str],
    splits: list[tuple[str, str] | None],
    single: list[float],
    doubles: list[float],
) -> list[str] | None:
    """The lines at `size`: each paragraph on one line if it fits, else on two; None if not."""
    lines: list[str] = []
    for text, pair, one, two in zip(texts, splits, single, doubles, strict=True):
        if one * size <= width:
            lines.append(text)
        elif pair is not None and two * size <= width:
            lines.extend(pair)
        else:
            return None
    return lines


def ellipsized(text: str, font: str, size: float, room: float) -> str:
    """`text` cut with « … » so that it fits in `room` points on one line."""
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)  # a bisection: a title may be thousands of characters long
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
