"""Fitting a participant's name on a badge: two lines before a smaller size, never unreadable.

The first name and the last name each start a line. A part too wide for its line at the
largest size goes on two lines, broken after a space or a hyphen, before the name is made
smaller; the name shrinks only when two lines each are not enough, and never below the layout's
readable floor. Past that, each part keeps two lines and the rest is cut with « … ».
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitator.exports.fonts import LEADING, FittedText, visual

STEP = 0.25  # font sizes are tried from the largest down, by quarter points
MAX_LINES = 2  # lines a part of the name may take
ELLIPSIS = "…"


@lru_cache(maxsize=65536)
def _width(text: str, font: str) -> float:
    """Width of `text` at 1 pt, as drawn (Arabic shaped and in visual order)."""
    return float(stringWidth(visual(text), font, 1.0))


def _pieces(text: str) -> list[str]:
    """The text cut where a line may break: after each space (dropped) and each hyphen (kept)."""
    pieces: list[str] = []
    for word in text.split():
        parts = word.split("-")
        pieces.extend(part + "-" for part in parts[:-1])
        pieces.append(parts[-1])
    return [piece for piece in pieces if piece]


def _join(pieces: Sequence[str]) -> str:
    text = ""
    for piece in pieces:
        text += piece if not text or text.endswith("-") else " " + piece
    return text


@lru_cache(maxsize=4096)
def _two_lines(text: str, font: str) -> tuple[str, str] | None:
    """The break into two lines whose longer line is shortest; None for an unbreakable word."""
    pieces = _pieces(text)
    if len(pieces) < 2:
        return None
    cuts = [(_join(pieces[:i]), _join(pieces[i:])) for i in range(1, len(pieces))]
    return min(cuts, key=lambda pair: max(_width(pair[0], font), _width(pair[1], font)))


def _lines_at(texts: Sequence[str], font: str, size: float, width: float) -> list[str] | None:
    """Each part on one line if it fits at `size`, else on two; None if one does not fit."""
    lines: list[str] = []
    for text in texts:
        if _width(text, font) * size <= width:
            lines.append(text)
            continue
        pair = _two_lines(text, font)
        if pair is None or max(_width(part, font) for part in pair) * size > width:
            return None
        lines.extend(pair)
    return lines


def _cut(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with « … » so that it fits `width` at `size`."""
    if _width(text, font) * size <= width:
        return text
    low, high = 0, len(text)  # a bisection on the length kept
    while low < high:
        middle = (low + high + 1) // 2
        if _width(text[:middle].rstrip() + ELLIPSIS, font) * size <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def _fill(text: str, font: str, size: float, width: float, count: int) -> list[str]:
    """`text` on at most `count` lines, filled in turn; what does not fit is cut with « … »."""
    lines: list[str] = []
    rest = _pieces(text)
    while rest and len(lines) < count - 1:
        taken = 1
        while taken < len(rest) and _width(_join(rest[: taken + 1]), font) * size <= width:
            taken += 1
        line = _join(rest[:taken])
        if _width(line, font) * size > width:  # one word wider than the line: break inside it
            kept = _cut(line, font, size, width)[:-1] or line[:1]
            lines.append(kept)
            rest = [line[len(kept) :], *rest[taken:]]
        else:
            lines.append(line)
            rest = rest[taken:]
    if rest:
        lines.append(_cut_at_a_word(rest, font, size, width))
    return lines


def _cut_at_a_word(pieces: list[str], font: str, size: float, width: float) -> str:
    """The pieces on one line, cut with « … » after the last whole word that fits, if one does."""
    text = _join(pieces)
    if _width(text, font) * size <= width:
        return text
    for count in range(len(pieces) - 1, 0, -1):
        kept = _join(pieces[:count]).rstrip("-") + ELLIPSIS
        if _width(kept, font) * size <= width:
            return kept
    return _cut(text, font, size, width)


def fit_name(
    parts: Sequence[str], font: str, width: float, height: float, sizes: tuple[float, float]
) -> FittedText:
    """The name's parts (first name, last name) fitted into width × height points.

    `sizes` is the largest size and the readable floor. Lines come back in visual order.
    """
    texts = [" ".join(part.split()) for part in parts]
    texts = [text for text in texts if text]
    largest, floor = sizes
    if not texts or width <= 0:
        return FittedText((), floor, font)
    size = int(largest / STEP) * STEP
    while size >= floor:
        lines = _lines_at(texts, font, size, width)
        if lines is not None and len(lines) * size * LEADING <= height + 1e-6:
            return FittedText(tuple(visual(line) for line in lines), size, font)
        size -= STEP
    # Too long even at the floor: as many lines as the room holds, the last one of each part
    # cut with « … ». Each part keeps at least one line; a second goes to the parts that need it.
    room = max(int((height + 1e-6) // (floor * LEADING)), 1)
    if room < len(texts):  # not even a line each: one line for the whole name
        texts, room = [" ".join(texts)], 1
    counts = [1] * len(texts)
    spare = room - len(texts)
    for index, text in enumerate(texts):
        if spare and _width(text, font) * floor > width:
            counts[index] = MAX_LINES
            spare -= 1
    lines = [
        line
        for text, count in zip(texts, counts, strict=True)
        for line in _fill(text, font, floor, width, count)
    ]
    return FittedText(tuple(visual(line) for line in lines), floor, font)
