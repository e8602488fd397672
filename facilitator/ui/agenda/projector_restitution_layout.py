"""Where a projected restitution's words go: sections flowing through columns, as large as fits.

The sections (« Défis », « Opportunités »…) follow one another down a column and on into the
next, like a newspaper; a section cut by a column's end goes on under « Défis (suite) ». The
text size is the largest at which everything fits (capped, so two items are not shouting), for
the number of columns that allows the largest text. Headings are never cut; an item is never
split between columns. Only when everything cannot fit at the size readable from the back of the
room does the restitution go on over several pages, every item on one of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from facilitator.i18n import _
from facilitator.ui.agenda.projector_groups_view import font

CAP_SHARE = 0.05  # the text never grows past this share of the height
READABLE_SHARE = 0.024  # nor shrinks below it: readable from the back of the room
MAX_COLUMNS = 4
HEADING_SCALE = 1.15
ITEM_GAP = 0.35  # between items, in units of the text size
SECTION_GAP_SHARE = 0.02  # between two sections in a column, and between columns
PAD_SHARE = 0.012  # inside a section's panel
BULLET = "•"
WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
UNBOUNDED = 1_000_000


@dataclass(frozen=True)
class SectionText:
    """A section as the layout sees it: its heading and its items' texts, in order."""

    heading: str
    items: tuple[str, ...]


@dataclass
class Fragment:
    """The part of a section that lands in one column (its panel)."""

    section: int
    column: int  # counted across pages: page = column // columns
    top: int  # from the top of the body
    heading: str  # « Défis », or « Défis (suite) » in the next column
    heading_height: int
    items: list[tuple[int, int, int]] = field(default_factory=list)  # (index, top, height)
    bottom: int = 0


@dataclass
class Flow:
    """Every section placed at one text size in columns of one width."""

    size: int
    heading_size: int
    columns: int  # columns on a page
    column_width: int
    fragments: list[Fragment]
    used_columns: int  # columns filled, across pages

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.used_columns / self.columns))


@lru_cache(maxsize=4096)
def _text_height(text: str, pixel_size: int, bold: bool, width: int) -> int:
    metrics = QFontMetrics(font(pixel_size, bold=bold))
    return metrics.boundingRect(QRect(0, 0, max(1, width), UNBOUNDED), WRAP, text).height()


@lru_cache(maxsize=64)
def bullet_indent(pixel_size: int) -> int:
    """The room the bullet takes left of an item's text (its wrapped lines align after it)."""
    return QFontMetrics(font(pixel_size, bold=False)).horizontalAdvance(BULLET + "  ")


@lru_cache(maxsize=4096)
def _widest_word(text: str, pixel_size: int, bold: bool = True) -> int:
    metrics = QFontMetrics(font(pixel_size, bold=bold))
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def words_fit(sections: Sequence[SectionText], size: int, width: int) -> bool:
    """Whether every word of the items fits a line `width` wide at `size` (else it is cut)."""
    return all(_widest_word(t, size, False) <= width for s in sections for t in s.items)


def heading_size(headings: Sequence[str], size: int, width: int) -> int:
    """The headings' size: a little larger than the items', smaller when a word would not fit
    the column (« Recommandations » in a narrow one), never smaller than the items'."""
    largest = round(size * HEADING_SCALE)
    for candidate in range(largest, size - 1, -1):
        if all(_widest_word(h, candidate) <= width for h in headings):
            return candidate
    return size


def continued(heading: str) -> str:
    """The heading of a section going on in the next column."""
    return _("{heading} (continued)").format(heading=heading)


def flow(
    sections: Sequence[SectionText], width: int, height: int, screen_height: int, size: int,
    columns: int,
) -> Flow:  # fmt: skip
    """Place the sections at text `size` in `columns` columns of a `width`×`height` body.

    Columns go on past the page when the text does not fit; `used_columns` then says so.
    """
    gap = max(1, int(screen_height * SECTION_GAP_SHARE))
    pad = max(1, int(screen_height * PAD_SHARE))
    column_width = max(1, (width - (columns - 1) * gap) // columns)
    inner = max(1, column_width - 2 * pad)
    text_width = _text_width(width, screen_height, size, columns)
    headings = [h for s in sections for h in (s.heading, continued(s.heading))]
    heading_px = heading_size(headings, size, inner)
    item_gap = int(size * ITEM_GAP)
    fragments: list[Fragment] = []
    column, y = 0, 0

    def heading_height(text: str) -> int:
        return _text_height(text, heading_px, True, inner)

    for number, section in enumerate(sections):
        heights = [_text_height(text, size, False, text_width) for text in section.items]
        first = heights[0] if heights else 0
        top = y + gap if y else 0
        # A heading stays with its first item: both go to the next column if they do not fit.
        if y and top + 2 * pad + heading_height(section.heading) + item_gap + first > height:
            column, top = column + 1, 0
        fragment = Fragment(number, column, top, section.heading, heading_height(section.heading))
        cursor = top + pad + fragment.heading_height + item_gap
        for index, item_height in enumerate(heights):
            if fragment.items and cursor + item_height + pad > height:
                fragment.bottom = cursor - item_gap + pad
                fragments.append(fragment)
                column += 1
                heading = continued(section.heading)
                fragment = Fragment(number, column, 0, heading, heading_height(heading))
                cursor = pad + fragment.heading_height + item_gap
            fragment.items.append((index, cursor, item_height))
            cursor += item_height + item_gap
        fragment.bottom = cursor - (item_gap if fragment.items else 0) + pad
        fragments.append(fragment)
        y = fragment.bottom
    used = column + 1 if fragments else 0
    # An item taller than a whole column, or a word wider than it, does not fit either.
    if any(f.bottom > height for f in fragments) or not words_fit(sections, size, text_width):
        used = max(used, columns + 1)
    return Flow(size, heading_px, columns, column_width, fragments, used)


def best_flow(sections: Sequence[SectionText], width: int, height: int, screen_height: int) -> Flow:
    """The flow with the largest text that fits on one page; else pages at the readable size."""
    floor = math.ceil(screen_height * READABLE_SHARE)
    cap = max(floor, int(screen_height * CAP_SHARE))
    best: Flow | None = None
    for columns in range(1, MAX_COLUMNS + 1):
        if flow(sections, width, height, screen_height, floor, columns).pages != 1:
            continue
        low, high = floor, cap  # low fits; find the largest size that does
        while low < high:
            middle = (low + high + 1) // 2
            if flow(sections, width, height, screen_height, middle, columns).pages == 1:
                low = middle
            else:
                high = middle - 1
        if best is None or low > best.size:  # equal sizes: the fewer columns
            best = flow(sections, width, height, screen_height, low, columns)
    if best is None:
        # Pages, in as many columns as leave every word whole (one, for a word too long).
        columns = next(
            (
                n
                for n in range(MAX_COLUMNS, 0, -1)
                if words_fit(sections, floor, _text_width(width, screen_height, floor, n))
            ),
            1,
        )
        best = flow(sections, width, height, screen_height, floor, columns)
    return best


def _text_width(width: int, screen_height: int, size: int, columns: int) -> int:
    """The width an item's text has in one of `columns` columns (its panel and bullet aside)."""
    gap = max(1, int(screen_height * SECTION_GAP_SHARE))
    pad = max(1, int(screen_height * PAD_SHARE))
    column_width = max(1, (width - (columns - 1) * gap) // columns)
    return max(1, column_width - 2 * pad - bullet_indent(size))
