"""The projector's groups view: who is in which group, and where, readable from the back.

A few groups: one panel each (name, room, theme, members). A large room: one alphabetical list
« NOM Prénom → Groupe 3 · Salle Gorée » in columns, turning pages by itself. The whole view is
painted from a plan computed when the data or the size changes, so a page turn only swaps
the lines drawn and repaints once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from facilitator.core.text import fold, french_spacing
from facilitator.i18n import _
from facilitator.store.groups import GroupsInvalid, RoundView, list_rounds, round_view
from facilitator.ui.agenda.projector_base import ProjectorDataView
from facilitator.ui.agenda.projector_timer_view import display_family
from facilitator.ui.context import AppContext

AREA_GROUPS = "groups"
AUTO, PANELS, LIST = "auto", "panels", "list"
MAX_PANELS = 8  # more groups than this are listed, whatever their size
READABLE_SHARE = 0.022  # the smallest member text, as a share of the height (back of the room)
PANEL_CAP_SHARE = 0.055  # panels' member text never grows past this share of the height
LIST_SHARE = 0.034  # the list's text size, as a share of the height, before it must shrink
COMFORT_SHARE = 0.027  # the list shrinks to this to need fewer pages, not further
SMALL_TEXT_COST = 1.6  # how much a page at less than the comfortable size counts
FIT_SHARE = 0.95  # the list's columns fit this share of the lines; longer ones are cut
LINE_SPACING = 1.12
TITLE_SHARE = 0.045
MAX_COLUMNS = 4
PAGE_MS = 8_000  # a page stays this long: time to find one's name and read the room

PANEL, TEXT = "#1d2b3a", "#ffffff"
ROOM, MUTED = "#ffd166", "#b0bec5"
# Line heights and gaps, in units of the member text size.
NAME_SCALE, THEME_SCALE, HEADER_GAP = 1.25, 0.8, 0.35


def font(pixel_size: float, bold: bool = True, italic: bool = False) -> QFont:
    result = QFont(display_family())
    result.setBold(bold)
    result.setItalic(italic)
    result.setPixelSize(max(1, int(pixel_size)))
    return result


@dataclass(frozen=True)
class Entry:
    """One person in the list: how it sorts, what it shows, and its initial."""

    key: tuple[str, str, int]
    name: str  # « NDIAYE Aminata »
    where: str  # « → Groupe 3 · Salle Gorée »
    letter: str


@dataclass(frozen=True)
class Text:
    """One piece of text to paint."""

    rect: QRect
    text: str
    font: QFont
    colour: str
    flags: int = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def panel_member(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name.upper()}".strip()


def list_entries(view: RoundView) -> list[Entry]:
    """Everyone of the round, sorted by last then first name, accents and case aside."""
    entries = []
    for group in view.groups:
        where = f"→ {group.name}" + (f" · {group.room}" if group.room else "")
        for m in group.members:
            key = (fold(m.last_name), fold(m.first_name), m.participant_id)
            initial = (key[0] or key[1] or "?")[:1].upper()
            name = f"{m.last_name.upper()} {m.first_name}".strip()
            entries.append(Entry(key, name, where, initial))
    return sorted(entries, key=lambda e: e.key)


def grid_shapes(count: int) -> list[tuple[int, int]]:
    """(columns, rows) worth trying for `count` panels."""
    shapes = []
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        if (cols - 1) * rows < count:  # no empty column
            shapes.append((cols, rows))
    return shapes


def paint_texts(widget: QWidget, event: QPaintEvent, texts: Sequence[Text]) -> None:
    """Paint planned texts: a Text without words is a panel's rounded background."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    radius = max(4, widget.height() // 80)
    for text in texts:
        if not text.text:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(text.colour))
            painter.drawRoundedRect(text.rect, radius, radius)
            continue
        if not event.rect().intersects(text.rect):
            continue
        painter.setFont(text.font)
        painter.setPen(QColor(text.colour))
        painter.drawText(text.rect, text.flags, text.text)
    painter.end()


class GroupsProjectorView(ProjectorDataView):
    """A round's groups on the projector: panels for a few groups, a paged list for many."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        # A burst of group edits (a drag, an undo) reloads once.
        super().__init__(context, (AREA_GROUPS, "participants"), parent)
        self.setObjectName("projector_groups")
        self._round_id: int | None = None
        self._view: RoundView | None = None
        self._entries: list[Entry] = []
        self._mode = AUTO
        self._shown = ""  # the mode in force: panels, list, or "" when empty
        self._pages: list[list[list[Entry]]] = []  # pages of columns of entries
        self._page = 0
        self._member_size = 0
        self._list_font = QFont()
        self._columns: list[QRect] = []
        self._step = 1  # the list's line height
        self._fixed: list[Text] = []  # what stays while pages turn
        self._lines: list[Text] = []  # the page's lines
        self._latest_pending = False
        self.page_timer = QTimer(self, interval=PAGE_MS)
        self.page_timer.timeout.connect(self.next_page)
        context.workshop_changed.connect(self._workshop_changed)

    # -- what is shown ---------------------------------------------------------------------------
    def set_round(self, round_id: int | None) -> None:
        self._latest_pending = False
        self._round_id = round_id
        self._page = 0
        self.reload()

    def round_id(self) -> int | None:
        return self._round_id

    def show_latest_round(self) -> None:
        """The current workshop's last round (nothing when it has none)."""
        workshop_id = self.context.workshop_id
        rounds = self.context.read(lambda s: list_rounds(s, workshop_id)) if workshop_id else []
        self.set_round(rounds[-1].id if rounds else None)

    def set_mode(self, mode: str) -> None:
        """auto (panels when they fit readably, else the list), panels or list."""
        if mode not in (AUTO, PANELS, LIST):
            raise ValueError(f"unknown mode {mode!r}")
        self._mode = mode
        self._plan()

    def mode(self) -> str:
        """The layout in force: panels, list, or "" when there is nothing to show."""
        return self._shown

    def _read(self) -> None:
        round_id = self._round_id
        view = None
        if round_id is not None:
            try:
                view = self.context.read(lambda s: round_view(s, round_id))
            except GroupsInvalid:  # the round was deleted meanwhile
                view = None
        self._view = view if view is not None and view.groups else None
        self._entries = list_entries(self._view) if self._view else []
        self._plan()

    def _workshop_changed(self, _workshop_id: int) -> None:
        if self.isVisible():
            self.show_latest_round()
        else:
            self._latest_pending = True  # looked up when shown

    # -- reading it (tests, the facilitator's preview) -------------------------------------------
    def panels(self) -> list[tuple[str, str, str, list[str]]]:
        """(name, room, theme, members « Prénom NOM ») per group of the round."""
        if self._view is None:
            return []
        return [
            (
                g.name,
                g.room,
                french_spacing(g.theme),
                [panel_member(m.first_name, m.last_name) for m in g.members],
            )
            for g in self._view.groups
        ]

    def pages(self) -> list[list[str]]:
        """The list's pages, each as its lines « NOM Prénom → Groupe · Salle » in order."""
        return [[f"{e.name} {e.where}" for col in page for e in col] for page in self._pages]

    def page(self) -> int:
        return self._page

    def page_caption(self) -> str:
        """« Page 2 / 5 · D – K » in list mode with several pages, else ""."""
        if self._shown != LIST or len(self._pages) < 2:
            return ""
        entries = [e for col in self._pages[self._page] for e in col]
        first, last = entries[0].letter, entries[-1].letter
        letters = first if first == last else f"{first} – {last}"
        page = _("Page {page} / {pages}").format(page=self._page + 1, pages=len(self._pages))
        return f"{page} · {letters}"

    def member_font_size(self) -> int:
        """The pixel size of the names, whichever the mode."""
        return self._member_size

    def drawn_texts(self) -> list[str]:
        return [t.text for t in self._fixed + self._lines]

    # -- paging ----------------------------------------------------------------------------------
    def next_page(self) -> None:
        if len(self._pages) < 2:
            return
        self._page = (self._page + 1) % len(self._pages)
        self._lay_page()
        self.update()

    def _run_pages(self) -> None:
        if self._shown == LIST and len(self._pages) > 1 and self.isVisible():
            if not self.page_timer.isActive():
                self.page_timer.start()
        else:
            self.page_timer.stop()

    # -- planning --------------------------------------------------------------------------------
    def _plan(self) -> None:
        """Choose the layout for this data and size, and what to paint."""
        self._fixed, self._lines, self._pages, self._columns = [], [], [], []
        width, height = max(1, self.width()), max(1, self.height())
        margin = int(height * 0.03)
        title_size = height * TITLE_SHARE
        body = QRect(
            margin,
            margin + int(title_size * 1.5),
            width - 2 * margin,
            height - 2 * margin - int(title_size * 1.5),
        )
        view = self._view
        if view is None or (not self._entries and self._mode == LIST):
            self._shown = ""
            self._member_size = 0
            self._fixed.append(
                Text(
                    QRect(0, 0, width, height),
                    _("No groups yet"),
                    font(height * 0.06),
                    MUTED,
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                )
            )
        else:
            floor = math.ceil(height * READABLE_SHARE)  # whole pixels: text sizes are int
            panels = self._panel_plan(view, body, height) if len(view.groups) else None
            fits = panels is not None and len(view.groups) <= MAX_PANELS and panels[0] >= floor
            if self._mode == PANELS or (self._mode == AUTO and fits):
                self._shown = PANELS
                assert panels is not None
                self._member_size = int(panels[0])
                self._fixed += panels[1]
            else:
                self._shown = LIST
                self._list_plan(body, height)
            title_font = font(title_size)
            # In list mode the page caption takes the right of the title's row.
            title_w = (width - 2 * margin) * (3 if self._shown == LIST else 5) // 5
            title = Text(
                QRect(margin, margin, title_w, int(title_size * 1.3)),
                QFontMetrics(title_font).elidedText(
                    _("Groups · {round}").format(round=view.round.name),
                    Qt.TextElideMode.ElideRight,
                    title_w,
                ),
                title_font,
                TEXT,
            )
            self._fixed.insert(0, title)
        self._page = min(self._page, max(0, len(self._pages) - 1))
        self._lay_page()
        self._run_pages()
        self.update()

    def _panel_plan(
        self, view: RoundView, body: QRect, height: int
    ) -> tuple[float, list[Text]] | None:
        """The member text size of the best grid, and its texts; None without groups."""
        probe = 100
        member_metrics = QFontMetrics(font(probe, bold=False))
        line = member_metrics.height() / probe  # line height per pixel of text size
        widest = max(
            (
                member_metrics.horizontalAdvance(panel_member(m.first_name, m.last_name))
                for g in view.groups
                for m in g.members
            ),
            default=1,
        )
        name_metrics = QFontMetrics(font(probe * NAME_SCALE))
        widest = max([widest] + [name_metrics.horizontalAdvance(g.name) for g in view.groups])
        lines = max(
            len(g.members)
            + NAME_SCALE
            + (1 if g.room else 0)
            + (THEME_SCALE if g.theme else 0)
            + HEADER_GAP
            for g in view.groups
        )
        gap = int(height * 0.02)
        best: tuple[float, int, int] | None = None
        for cols, rows in grid_shapes(len(view.groups)):
            cell_w = (body.width() - (cols - 1) * gap) / cols
            cell_h = (body.height() - (rows - 1) * gap) / rows
            pad = height * 0.015
            by_height = (cell_h - 2 * pad) / (line * lines)
            by_width = (cell_w - 2 * pad) * probe / widest
            size = min(by_height, by_width, height * PANEL_CAP_SHARE)
            if best is None or size > best[0]:
                best = (size, cols, rows)
        if best is None:
            return None
        size, cols, rows = best
        texts: list[Text] = []
        cell_w = (body.width() - (cols - 1) * gap) // cols
        cell_h = (body.height() - (rows - 1) * gap) // rows
        pad = int(height * 0.015)
        member_font, name_font = font(size, bold=False), font(size * NAME_SCALE)
        room_font, theme_font = font(size), font(size * THEME_SCALE, bold=False, italic=True)
        for index, group in enumerate(view.groups):
            col, row = index % cols, index // cols
            cell = QRect(
                body.left() + col * (cell_w + gap),
                body.top() + row * (cell_h + gap),
                cell_w,
                cell_h,
            )
            texts.append(Text(cell, "", member_font, PANEL))  # the panel's background
            inner = cell.adjusted(pad, pad, -pad, -pad)
            y = inner.top()
            for text, text_font, colour in (
                (group.name, name_font, TEXT),
                (group.room, room_font, ROOM),
                (group.theme, theme_font, MUTED),
            ):
                if not text:
                    continue
                metrics = QFontMetrics(text_font)
                shown = metrics.elidedText(
                    " ".join(text.split()), Qt.TextElideMode.ElideRight, inner.width()
                )
                texts.append(
                    Text(
                        QRect(inner.left(), y, inner.width(), metrics.height()),
                        shown,
                        text_font,
                        colour,
                    )
                )
                y += metrics.height()
            y += int(size * line * HEADER_GAP)
            step = QFontMetrics(member_font).height()
            for m in group.members:
                texts.append(
                    Text(
                        QRect(inner.left(), y, inner.width(), step),
                        panel_member(m.first_name, m.last_name),
                        member_font,
                        TEXT,
                    )
                )
                y += step
        return size, texts

    def _list_plan(self, body: QRect, height: int) -> None:
        """Columns of « NOM Prénom → Groupe · Salle » in pages: few pages, large text.

        The rare line longer than most is cut rather than shrink every other.
        """
        floor, comfort = math.ceil(height * READABLE_SHARE), height * COMFORT_SHARE
        gap = int(height * 0.04)
        probe = 100
        names, wheres = QFontMetrics(font(probe, bold=False)), QFontMetrics(font(probe))
        line = names.height() * LINE_SPACING / probe
        space = names.horizontalAdvance(" ")
        widths = sorted(
            names.horizontalAdvance(e.name) + space + wheres.horizontalAdvance(e.where)
            for e in self._entries
        ) or [1]
        typical = widths[min(len(widths) - 1, int(len(widths) * FIT_SHARE))]
        options = []
        for cols in range(1, MAX_COLUMNS + 1):
            col_w = (body.width() - (cols - 1) * gap) / cols
            size = min(height * LIST_SHARE, col_w * probe / typical)
            if size < floor and cols > 1:
                continue
            size = max(size, floor)
            rows = max(1, int(body.height() // (size * line)))
            pages = math.ceil(max(1, len(self._entries)) / (rows * cols))
            # Below the comfortable size, a layout must save many pages to be chosen.
            cost = pages * (1.0 if size >= comfort else SMALL_TEXT_COST)
            options.append((cost, -size, cols, size, rows))
        *_rank, cols, size, rows = min(options)
        # No more columns than the people need: a short list stays in wide columns.
        cols = max(1, min(cols, math.ceil(len(self._entries) / rows)))
        self._list_font = font(size, bold=False)
        self._member_size = int(size)
        self._step = max(1, int(QFontMetrics(self._list_font).height() * LINE_SPACING))
        rows = max(1, body.height() // self._step)
        col_w = (body.width() - (cols - 1) * gap) // cols
        self._columns = [
            QRect(body.left() + c * (col_w + gap), body.top(), col_w, rows * self._step)
            for c in range(cols)
        ]
        per_page = rows * cols
        self._pages = [
            [
                self._entries[start + c * rows : min(start + (c + 1) * rows, start + per_page)]
                for c in range(cols)
                if start + c * rows < len(self._entries)
            ]
            for start in range(0, len(self._entries), per_page)
        ]

    def _lay_page(self) -> None:
        """The current page's lines (list mode) and its caption."""
        self._lines = []
        if self._shown != LIST or not self._pages:
            return
        name_font, where_font = self._list_font, QFont(self._list_font)
        where_font.setBold(True)
        names, wheres = QFontMetrics(name_font), QFontMetrics(where_font)
        for column, entries in zip(self._columns, self._pages[self._page], strict=False):
            for row, entry in enumerate(entries):
                y = column.top() + row * self._step
                where_w = min(wheres.horizontalAdvance(entry.where), column.width() * 2 // 3)
                # A few pixels spare: eliding rounds differently from measuring.
                name_w = column.width() - where_w - names.horizontalAdvance(" ") - 4
                name = names.elidedText(entry.name, Qt.TextElideMode.ElideRight, name_w)
                used = names.horizontalAdvance(name + " ")
                where = wheres.elidedText(
                    entry.where, Qt.TextElideMode.ElideRight, column.width() - used
                )
                self._lines.append(
                    Text(QRect(column.left(), y, used, self._step), name, name_font, TEXT)
                )
                self._lines.append(
                    Text(
                        QRect(column.left() + used, y, column.width() - used, self._step),
                        where,
                        where_font,
                        ROOM,
                    )
                )
        caption = self.page_caption()
        if caption:
            width, height = self.width(), self.height()
            margin = int(height * 0.03)
            self._lines.append(
                Text(
                    QRect(margin, margin, width - 2 * margin, int(height * TITLE_SHARE * 1.3)),
                    caption,
                    font(height * TITLE_SHARE * 0.8),
                    MUTED,
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                )
            )

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        paint_texts(self, event, self._fixed + self._lines)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._plan()

    def _catch_up(self) -> None:
        if self._latest_pending:
            self.show_latest_round()
        else:
            super()._catch_up()
        self._run_pages()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.page_timer.stop()
        super().hideEvent(event)
