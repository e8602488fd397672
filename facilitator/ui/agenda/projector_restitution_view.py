"""The projector's restitution view: a group's items by kind, as the rapporteur types them.

The sections flow through columns with the largest text that fits (projector_restitution_layout);
when even the size readable from the back cannot hold them, they go on over pages, turned with
`step` (the projector's « next » keys), and the title says « 1/2 ».
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from facilitator.i18n import _
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
    paint_texts,
)
from facilitator.ui.agenda.projector_restitution_layout import (
    BULLET,
    PAD_SHARE,
    SECTION_GAP_SHARE,
    WRAP,
    Flow,
    SectionText,
    best_flow,
    bullet_indent,
)
from facilitator.ui.context import AppContext

AREA_RESTITUTIONS = "restitutions"
TITLE_SHARE = 0.055
SMALLEST_TITLE = 0.75  # a long title shrinks to this share of its size, then takes two lines
TITLE_LINES = 2
MARGIN_SHARE = 0.03


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
        self._flow: Flow | None = None
        self._page = 0
        context.workshop_changed.connect(self._workshop_changed)

    # -- what is shown ---------------------------------------------------------------------------
    def set_group(self, group_id: int | None) -> None:
        """Show that group's restitution from its first page."""
        self._group_id = group_id
        self._page = 0
        self.reload()

    def group_id(self) -> int | None:
        return self._group_id

    def page(self) -> int:
        """The page shown, from 0."""
        return self._page

    def page_count(self) -> int:
        return self._flow.pages if self._flow is not None else 1

    def step(self, delta: int) -> bool:
        """Turn to the next (1) or previous (-1) page; False when there is none that way."""
        page = self._page + delta
        if not 0 <= page < self.page_count():
            return False
        self._page = page
        self._paint_plan()
        return True

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
        self.set_group(None)

    # -- reading it (tests, a preview) -----------------------------------------------------------
    def title(self) -> str:
        return self._view.group_name if self._view is not None else ""

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, item texts) for each kind with items, everything, shown or not."""
        return [(s.heading, [item.text for item in s.items]) for s in self._sections]

    def text_size(self) -> int:
        """The items' pixel size (0 when nothing is shown)."""
        return self._flow.size if self._flow is not None else 0

    def columns(self) -> int:
        """The columns of a page (0 when nothing is shown)."""
        return self._flow.columns if self._flow is not None else 0

    def drawn_texts(self) -> list[str]:
        return [t.text for t in self._texts if t.text]

    def drawn(self) -> list[Text]:
        """Everything painted on the page shown: panels (no text) and texts with their place."""
        return list(self._texts)

    # -- planning --------------------------------------------------------------------------------
    def _geometry(self) -> tuple[int, int, int]:
        width, height = max(1, self.width()), max(1, self.height())
        return width, height, int(height * MARGIN_SHARE)

    def _title_font_height(self, title: str, width: int, height: int) -> tuple[int, int]:
        """The title's pixel size (shrunk for a long title) and the height of its lines (two
        for a title too long for one)."""
        size = int(height * TITLE_SHARE)
        while size > int(height * TITLE_SHARE * SMALLEST_TITLE):
            if QFontMetrics(font(size)).horizontalAdvance(title) <= width:
                break
            size -= 1
        metrics = QFontMetrics(font(size))
        room = QRect(0, 0, max(1, width), 1_000_000)
        lines = metrics.boundingRect(room, WRAP, "\n".join(["M"] * TITLE_LINES)).height()
        return size, min(metrics.boundingRect(room, WRAP, title).height(), lines)

    def _plan(self) -> None:
        """Place the sections for this size of window (the page is kept when it still exists)."""
        self._flow = None
        view = self._view
        if view is not None and self._sections:
            width, height, margin = self._geometry()
            title = self._title(view)
            _size, line = self._title_font_height(title, width - 2 * margin, height)
            top = margin + line + int(height * 0.015)
            sections = [
                SectionText(s.heading, tuple(i.text for i in s.items)) for s in self._sections
            ]
            self._flow = best_flow(sections, width - 2 * margin, height - top - margin, height)
        self._page = min(self._page, self.page_count() - 1)
        self._paint_plan()

    @staticmethod
    def _title(view: RestitutionView) -> str:
        return view.group_name + (f" · {view.theme}" if view.theme else "")

    def _paint_plan(self) -> None:
        """The texts of the page shown, from the flow planned."""
        self._texts = []
        width, height, margin = self._geometry()
        view = self._view
        if view is None:
            self._centred(_("No group chosen"), width, height)
            self.update()
            return
        pages = self.page_count()
        marker = (
            _("{page}/{pages} · Page Down: next").format(page=self._page + 1, pages=pages)
            if pages > 1
            else ""
        )
        marker_font = font(height * 0.03, bold=False, italic=True)
        marker_w = QFontMetrics(marker_font).horizontalAdvance(marker) + margin if marker else 0
        title = self._title(view)
        title_w = width - 2 * margin - marker_w
        size, line = self._title_font_height(title, title_w, height)
        title_font = font(size)
        title_rect = QRect(margin, margin, title_w, line)
        self._texts.append(Text(title_rect, title, title_font, TEXT, WRAP))
        if marker:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            self._texts.append(
                Text(
                    QRect(width - margin - marker_w, margin, marker_w, line),
                    marker,
                    marker_font,
                    MUTED,
                    int(right),
                )
            )
        top = margin + line + int(height * 0.015)
        if self._flow is None:
            self._centred(_("Nothing noted yet"), width, height, top)
        else:
            self._lay(self._flow, QRect(margin, top, width - 2 * margin, height - top - margin))
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

    def _lay(self, plan: Flow, body: QRect) -> None:
        height = max(1, self.height())
        gap = max(1, int(height * SECTION_GAP_SHARE))
        pad = max(1, int(height * PAD_SHARE))
        heading_font = font(plan.heading_size)
        item_font = font(plan.size, bold=False)
        indent = bullet_indent(plan.size)
        first = self._page * plan.columns
        for fragment in plan.fragments:
            column = fragment.column - first
            if not 0 <= column < plan.columns:
                continue
            left = body.left() + column * (plan.column_width + gap)
            bottom = min(body.top() + fragment.bottom, body.bottom())
            panel = QRect(left, body.top() + fragment.top, plan.column_width, 0)
            panel.setBottom(bottom)
            self._texts.append(Text(panel, "", item_font, PANEL))  # the panel's background
            inner = panel.adjusted(pad, pad, -pad, -pad)
            self._texts.append(
                Text(
                    QRect(inner.left(), inner.top(), inner.width(), fragment.heading_height),
                    fragment.heading,
                    heading_font,
                    ROOM,
                    WRAP,
                )
            )
            items = self._sections[fragment.section].items
            for index, item_top, item_height in fragment.items:
                y = body.top() + item_top
                shown = max(0, min(item_height, body.bottom() - y))
                self._texts.append(
                    Text(QRect(inner.left(), y, indent, shown), BULLET, item_font, TEXT, WRAP)
                )
                self._texts.append(
                    Text(
                        QRect(inner.left() + indent, y, inner.width() - indent, shown),
                        items[index].text,
                        item_font,
                        TEXT,
                        WRAP,
                    )
                )

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        paint_texts(self, event, self._texts)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._plan()
