"""The projector's restitution view: a group's items by kind, as the rapporteur types them.

The text is as large as the items allow (from the height, shrunk to fit, never below a size
readable from the back); when a kind holds more than fits, its newest items stay on screen and a
line says how many earlier ones are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from facilitator.i18n import _, ngettext
from facilitator.store.restitution_fields import KINDS, RestitutionsInvalid, kind_heading
from facilitator.store.restitutions import ItemRow, RestitutionView, restitution_view
from facilitator.ui.agenda.projector_base import ProjectorDataView
from facilitator.ui.agenda.projector_groups_view import (
    MUTED,
    PANEL,
    ROOM,
    TEXT,
    Text,
    font,
    grid_shapes,
    paint_texts,
)
from facilitator.ui.context import AppContext

AREA_RESTITUTIONS = "restitutions"
TITLE_SHARE = 0.055
CAP_SHARE = 0.05  # items never grow past this share of the height
READABLE_SHARE = 0.024  # nor shrink below it: readable from the back of the room
HEADING_SCALE = 1.2
ITEM_GAP = 0.3  # between items, in units of the text size
BULLET = "•  "
WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


@dataclass(frozen=True)
class Section:
    """A kind's heading and its items, in the restitution's order."""

    kind: str
    heading: str
    items: tuple[ItemRow, ...]


def sections_of(view: RestitutionView) -> list[Section]:
    """The kinds holding items, in the usual order (unknown kinds last)."""
    kinds = [k for k in KINDS if view.items_of(k)]
    kinds += sorted({item.kind for item in view.items} - set(KINDS))
    return [Section(k, kind_heading(k), view.items_of(k)) for k in kinds]


class RestitutionProjectorView(ProjectorDataView):
    """One group's restitution on the projector: its name, then its items grouped by kind."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        # A burst of edits (typing in an item) reloads once.
        super().__init__(context, (AREA_RESTITUTIONS, "groups"), parent)
        self.setObjectName("projector_restitution")
        self._group_id: int | None = None
        self._view: RestitutionView | None = None
        self._sections: list[Section] = []
        self._texts: list[Text] = []
        self._size = 0
        self._hidden: dict[str, int] = {}  # kind → earlier items left out
        context.workshop_changed.connect(self._workshop_changed)

    # -- what is shown ---------------------------------------------------------------------------
    def set_group(self, group_id: int | None) -> None:
        self._group_id = group_id
        self.reload()

    def group_id(self) -> int | None:
        return self._group_id

    def _read(self) -> None:
        group_id = self._group_id
        view = None
        if group_id is not None:
            try:
                view = self.context.read(lambda s: restitution_view(s, group_id))
            except RestitutionsInvalid:  # the group was deleted meanwhile
                view = None
        self._view = view
        self._sections = sections_of(view) if view is not None else []
        self._plan()

    def _wants(self, area: str) -> bool:
        return self._group_id is not None and super()._wants(area)

    def _workshop_changed(self, _workshop_id: int) -> None:
        self._group_id = None
        self.reload()

    # -- reading it (tests, a preview) -----------------------------------------------------------
    def title(self) -> str:
        return self._view.group_name if self._view is not None else ""

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, item texts) for each kind with items, everything, shown or not."""
        return [(s.heading, [item.text for item in s.items]) for s in self._sections]

    def hidden_counts(self) -> dict[str, int]:
        """Kind → how many earlier items did not fit (absent: all shown)."""
        return dict(self._hidden)

    def text_size(self) -> int:
        """The items' pixel size (0 when nothing is shown)."""
        return self._size

    def drawn_texts(self) -> list[str]:
        return [t.text for t in self._texts if t.text]

    # -- planning --------------------------------------------------------------------------------
    def _plan(self) -> None:
        self._texts, self._hidden, self._size = [], {}, 0
        width, height = max(1, self.width()), max(1, self.height())
        margin = int(height * 0.03)
        view = self._view
        if view is None:
            self._centred(_("No group chosen"), width, height)
            self.update()
            return
        title_font = font(height * TITLE_SHARE)
        title_metrics = QFontMetrics(title_font)
        title = view.group_name + (f" · {view.theme}" if view.theme else "")
        title_w = width - 2 * margin
        self._texts.append(
            Text(
                QRect(margin, margin, title_w, title_metrics.height()),
                title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_w),
                title_font,
                TEXT,
            )
        )
        top = margin + int(title_metrics.height() * 1.25)
        body = QRect(margin, top, width - 2 * margin, height - top - margin)
        if not self._sections:
            self._centred(_("Nothing noted yet"), width, height, top)
            self.update()
            return
        best: tuple[float, int, int] | None = None
        for cols, rows in grid_shapes(len(self._sections)):
            size = self._largest_fit(body, cols, rows, height)
            if best is None or size > best[0]:
                best = (size, cols, rows)
        assert best is not None
        size, cols, rows = best
        self._size = int(max(size, math.ceil(height * READABLE_SHARE)))
        self._lay(body, cols, rows, size, height)
        self.update()

    def _centred(self, text: str, width: int, height: int, top: int = 0) -> None:
        self._texts.append(
            Text(
                QRect(0, top, width, height - top),
                text,
                font(height * 0.06),
                MUTED,
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            )
        )

    def _cells(self, body: QRect, cols: int, rows: int, height: int) -> list[QRect]:
        gap = int(height * 0.02)
        cell_w = (body.width() - (cols - 1) * gap) // cols
        cell_h = (body.height() - (rows - 1) * gap) // rows
        return [
            QRect(
                body.left() + (i % cols) * (cell_w + gap),
                body.top() + (i // cols) * (cell_h + gap),
                cell_w,
                cell_h,
            )
            for i in range(len(self._sections))
        ]

    def _needed(self, section: Section, width: int, size: float, pad: int) -> int:
        """The height a section's panel needs at this text size."""
        heading = QFontMetrics(font(size * HEADING_SCALE)).height()
        metrics = QFontMetrics(font(size, bold=False))
        inner = max(1, width - 2 * pad)
        total = 2 * pad + heading + int(size * ITEM_GAP)
        for item in section.items:
            rect = metrics.boundingRect(QRect(0, 0, inner, 100_000), WRAP, BULLET + item.text)
            total += rect.height() + int(size * ITEM_GAP)
        return total

    def _largest_fit(self, body: QRect, cols: int, rows: int, height: int) -> float:
        """The largest text size (between the floor and the cap) at which every panel fits."""
        cells = self._cells(body, cols, rows, height)
        pad = int(height * 0.015)

        def fits(size: float) -> bool:
            return all(
                self._needed(section, cell.width(), size, pad) <= cell.height()
                for section, cell in zip(self._sections, cells, strict=True)
            )

        low, high = float(math.ceil(height * READABLE_SHARE)), height * CAP_SHARE
        if fits(high):
            return high
        if not fits(low):
            # Too much for the floor: this shape's worth is how wide its panels are.
            return low * min(1.0, min(c.width() for c in cells) / max(1, body.width()))
        for _step in range(10):
            middle = (low + high) / 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        return math.floor(low)

    def _lay(self, body: QRect, cols: int, rows: int, size: float, height: int) -> None:
        size = max(size, math.ceil(height * READABLE_SHARE))
        cells = self._cells(body, cols, rows, height)
        pad = int(height * 0.015)
        heading_font, item_font = font(size * HEADING_SCALE), font(size, bold=False)
        more_font = font(size * 0.8, bold=False, italic=True)
        heading_h = QFontMetrics(heading_font).height()
        metrics = QFontMetrics(item_font)
        gap = int(size * ITEM_GAP)
        for section, cell in zip(self._sections, cells, strict=True):
            self._texts.append(Text(cell, "", item_font, PANEL))  # the panel's background
            inner = cell.adjusted(pad, pad, -pad, -pad)
            self._texts.append(
                Text(
                    QRect(inner.left(), inner.top(), inner.width(), heading_h),
                    QFontMetrics(heading_font).elidedText(
                        section.heading, Qt.TextElideMode.ElideRight, inner.width()
                    ),
                    heading_font,
                    ROOM,
                )
            )
            top = inner.top() + heading_h + gap
            heights = [
                metrics.boundingRect(
                    QRect(0, 0, inner.width(), 100_000), WRAP, BULLET + item.text
                ).height()
                for item in section.items
            ]
            shown = self._newest_fitting(section, heights, inner.bottom() - top, gap)
            hidden = len(section.items) - len(shown)
            y = top
            if hidden:
                self._hidden[section.kind] = hidden
                more_h = QFontMetrics(more_font).height()
                self._texts.append(
                    Text(
                        QRect(inner.left(), y, inner.width(), more_h),
                        ngettext(
                            "… and {n} earlier item", "… and {n} earlier items", hidden
                        ).format(n=hidden),
                        more_font,
                        MUTED,
                    )
                )
                y += more_h + gap
            for index in shown:
                item_h = min(heights[index], max(0, inner.bottom() - y))
                self._texts.append(
                    Text(
                        QRect(inner.left(), y, inner.width(), item_h),
                        BULLET + section.items[index].text,
                        item_font,
                        TEXT,
                        WRAP,
                    )
                )
                y += heights[index] + gap

    def _newest_fitting(
        self, section: Section, heights: list[int], room: int, gap: int
    ) -> list[int]:
        """Indexes of the items to show, in order: all that fit, else the newest ones."""
        if sum(heights) + gap * len(heights) <= room:
            return list(range(len(heights)))
        room -= int(gap * 4)  # the line « … and n earlier items »
        newest = sorted(range(len(heights)), key=lambda i: section.items[i].id, reverse=True)
        kept: list[int] = []
        used = 0
        for index in newest:
            if used + heights[index] + gap > room and kept:
                break
            kept.append(index)
            used += heights[index] + gap
        return sorted(kept)

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        paint_texts(self, event, self._texts)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._plan()
