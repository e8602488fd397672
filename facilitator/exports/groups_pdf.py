"""Printed breakout groups: one A4 page per group, and the alphabetical sheet posted at the door."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from facilitator.core.text import fold, french_spacing
from facilitator.exports.atomic import write_atomically
from facilitator.exports.fonts import ellipsized, register_fonts, visual
from facilitator.exports.group_snapshots import GroupMemberRow, GroupsDocument, GroupSheet
from facilitator.i18n import N_, _, ngettext

Progress = Callable[[int, int], None]

PAGE = A4
MARGIN = 15 * mm
TOP = PAGE[1] - 17 * mm  # the content starts under the running header
BOTTOM = 16 * mm  # and ends above the footer
WIDTH = PAGE[0] - 2 * MARGIN
SMALL = 8.5  # running header and footer
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.88, 0.88, 0.88)
STRIPE = colors.Color(0.955, 0.955, 0.955)

# The group's list: a numbered table; millimetres, the organisation takes what is left.
NUMBER = N_("No.")
LAST_NAME = N_("Last name")
FIRST_NAME = N_("First name")
ORGANISATION = N_("Organisation")
CATEGORY = N_("Type")
COLUMNS = (NUMBER, LAST_NAME, FIRST_NAME, ORGANISATION, CATEGORY)
FIXED_WIDTHS = {NUMBER: 10, LAST_NAME: 36, FIRST_NAME: 34, CATEGORY: 38}
PADDING = 3


@dataclass(frozen=True)
class _Density:
    """How tightly a group's table is set: type size and leading (points), padding, least row."""

    size: float
    leading: float
    padding: float
    min_row: float


# The roomiest density that puts a whole group on one page; a group too long for any continues
# on « (suite) » pages at the tightest. 9 pt rows of 6.2 mm hold about 32 members under a heading
# and stay readable at arm's length (the list has no column to write in, so no row needs a pen).
DENSITIES = (_Density(10, 12.5, 3, 7 * mm), _Density(9, 11, 2.5, 6.2 * mm))
THEME_SIZES = (13, 12, 11, 10, 9, 8)  # a long theme shrinks rather than push the table away
HEADING_SHARE = 0.55  # of the page's height, at most, above a group's table

# The door sheet: one line per person, large enough to read standing in a crowd.
DOOR_WIDTHS = (90 * mm, 38 * mm, WIDTH - 128 * mm)  # name, group, room
DOOR_SIZE = 14
DOOR_LEADING = 17
DOOR_PAD = 2.5
DIVIDER = 8 * mm
DIVIDER_GAP = 1.5 * mm
LETTER_SIZE = 16
RANGE_WIDTH = 40 * mm  # top right of each page: the letters it covers, « A – D »


def _text(text: str) -> str:
    """Text for a paragraph: right-to-left runs in visual order, markup characters escaped."""
    return escape(visual(french_spacing(text)))


def _sort_key(last_name: str, first_name: str) -> tuple[str, str, str, str]:
    """French order: accents and case folded (« Élodie » between « Eeee » and « Ezzz »)."""
    return fold(last_name), fold(first_name), last_name, first_name


def _sorted_members(members: Sequence[GroupMemberRow]) -> list[GroupMemberRow]:
    return sorted(members, key=lambda m: _sort_key(m.last_name, m.first_name))


def _display_name(member: GroupMemberRow) -> str:
    """« NDIAYE Ndèye Fatou »: the surname in capitals first, as lists are read in Senegal."""
    parts = [visual(member.last_name.upper()), visual(member.first_name)]
    return " ".join(part for part in parts if part.strip())


def _table_styles(density: _Density) -> dict[str, ParagraphStyle]:
    """The styles of a group's table at one density."""
    regular, bold = register_fonts()
    cell = ParagraphStyle("cell", fontName=regular, fontSize=density.size, leading=density.leading)
    return {
        "cell": cell,
        "name": ParagraphStyle("name", parent=cell, fontName=bold),
        "centre": ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=cell, fontName=bold, alignment=TA_CENTER),
    }


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    place = ParagraphStyle("place", fontName=regular, fontSize=DOOR_SIZE, leading=DOOR_LEADING)
    return {
        "group": ParagraphStyle("group", fontName=bold, fontSize=26, leading=31, spaceAfter=4),
        "continued": ParagraphStyle("continued", fontName=bold, fontSize=18, leading=22),
        "label": ParagraphStyle("label", fontName=bold, fontSize=12, leading=15),
        "value": ParagraphStyle("value", fontName=regular, fontSize=12, leading=15),
        "count": ParagraphStyle("count", fontName=bold, fontSize=12, leading=15),
        "empty": ParagraphStyle(
            "empty", fontName=regular, fontSize=11, leading=12.5, textColor=GREY
        ),
        "person": ParagraphStyle("person", parent=place, fontName=bold),
        "place": place,
        "title": ParagraphStyle("title", fontName=bold, fontSize=22, leading=26),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=12, leading=15),
    }


def _height(flowable: Flowable, width: float) -> float:
    """The height a flowable takes at `width`, spacing after it included."""
    _w, h = flowable.wrap(width, PAGE[1])
    return float(h) + float(flowable.getSpaceAfter())


def _page_frame(canvas: Canvas, doc: GroupsDocument, page: int, pages: int) -> None:
    """Running header (workshop, round) and footer (dates, venue, « Page 2 / 5 »)."""
    regular, bold = register_fonts()
    canvas.saveState()
    canvas.setFillColor(GREY)
    canvas.setStrokeColor(LIGHT)
    canvas.setLineWidth(0.6)
    y = PAGE[1] - 10 * mm
    round_name = ellipsized(visual(doc.round_name), regular, SMALL, WIDTH * 0.45)
    round_width = pdfmetrics.stringWidth(round_name, regular, SMALL)
    title_room = WIDTH - round_width - 6 * mm
    canvas.setFont(bold, SMALL)
    canvas.drawString(MARGIN, y, ellipsized(visual(doc.workshop_title), bold, SMALL, title_room))
    canvas.setFont(regular, SMALL)
    canvas.drawRightString(PAGE[0] - MARGIN, y, round_name)
    canvas.line(MARGIN, y - 2 * mm, PAGE[0] - MARGIN, y - 2 * mm)
    number = _("Page {page} / {pages}").format(page=page, pages=pages)
    footer = " · ".join(visual(part) for part in (doc.dates_label, doc.venue) if part.strip())
    y = 9 * mm
    canvas.line(MARGIN, y + 3.5 * mm, PAGE[0] - MARGIN, y + 3.5 * mm)
    canvas.drawString(MARGIN, y, ellipsized(footer, regular, SMALL, WIDTH - 35 * mm))
    canvas.setFillColor(colors.black)
    canvas.setFont(bold, SMALL + 1)
    canvas.drawRightString(PAGE[0] - MARGIN, y, number)
    canvas.restoreState()


def _stack(
    canvas: Canvas, flowables: Sequence[Flowable], x: float, top: float, width: float
) -> None:
    """Draw flowables one under the other from `top` down."""
    y = top
    for flowable in flowables:
        _w, h = flowable.wrapOn(canvas, width, y - BOTTOM)
        flowable.drawOn(canvas, x, y - h)
        y -= h + flowable.getSpaceAfter()


def _canvas(buffer: io.BytesIO, title: str, subject: str) -> Canvas:
    regular, _bold = register_fonts()
    # The initial font is ours: reportlab would otherwise list a Helvetica it never embeds.
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1, initialFontName=regular)
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setCreator("Facilitator")
    return canvas


# -- One page per group -------------------------------------------------------------------------


@dataclass(frozen=True)
class _GroupPage:
    """One printed page of a group: its heading, and rows [start, end) of its sorted members."""

    group: GroupSheet
    heading: tuple[Flowable, ...]
    rows: tuple[list[Any], ...]
    heights: tuple[float, ...]
    first_number: int
    empty: bool
    density: _Density


def _widths() -> list[float]:
    fixed = sum(FIXED_WIDTHS.values()) * mm
    return [FIXED_WIDTHS[c] * mm if c in FIXED_WIDTHS else WIDTH - fixed for c in COLUMNS]


def _row_height(cells: Sequence[Any], widths: Sequence[float], density: _Density) -> float:
    """Tall enough for the longest wrapped text, never under the density's least row."""
    needed = max(
        float(cell.wrap(width - 2 * density.padding, PAGE[1])[1])
        for cell, width in zip(cells, widths, strict=True)
    )
    return max(density.min_row, needed + 2 * density.padding)


def _info(group: GroupSheet, styles: dict[str, ParagraphStyle]) -> Table:
    """Room, moderator and rapporteur; an empty one keeps a line to write on by hand."""
    rows = [
        (_("Room:"), group.room),
        (_("Moderator:"), group.moderator),
        (_("Rapporteur:"), group.rapporteur),
    ]
    data = [
        [Paragraph(_text(label), styles["label"]), Paragraph(_text(value), styles["value"])]
        for label, value in rows
    ]
    table = Table(data, colWidths=[38 * mm, WIDTH - 38 * mm], hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for index, (_label, value) in enumerate(rows):
        if not value.strip():
            style.append(("LINEBELOW", (1, index), (1, index), 0.6, GREY, None, (1, 2)))
            style.append(("RIGHTPADDING", (1, index), (1, index), 60 * mm))
    table.setStyle(TableStyle(style))
    return table


def _heading(group: GroupSheet, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Group name, theme, room, moderator, rapporteur, member count."""
    regular, bold = register_fonts()
    count = len(group.members)
    tail: list[Flowable] = [
        Spacer(1, 2 * mm),
        _info(group, styles),
        Spacer(1, 3 * mm),
        Paragraph(
            _text(ngettext("{n} member", "{n} members", count).format(n=count)), styles["count"]
        ),
        Spacer(1, 2 * mm),
    ]
    name = Paragraph(_text(group.name), styles["group"])
    room = PAGE[1] * HEADING_SHARE - _height(name, WIDTH) - sum(_height(f, WIDTH) for f in tail)
    theme: list[Flowable] = []
    if group.theme.strip():
        words = group.theme.split()
        for size in THEME_SIZES:
            style = ParagraphStyle("theme", fontName=regular, fontSize=size, leading=size * 1.3)
            text = f"<font name='{bold}'>{_text(_('Theme:'))}</font> {_text(' '.join(words))}"
            paragraph = Paragraph(text, style)
            if _height(paragraph, WIDTH) <= room:
                break
        # Even at the smallest size a theme this long would crowd out the members: cut it.
        while len(words) > 1 and _height(paragraph, WIDTH) > room:
            words = words[: max(1, len(words) * 9 // 10)]
            text = f"<font name='{bold}'>{_text(_('Theme:'))}</font> {_text(' '.join(words))} …"
            paragraph = Paragraph(text, style)
        theme = [paragraph]
    return [name, *theme, *tail]


def _group_pages(group: GroupSheet, styles: dict[str, ParagraphStyle]) -> list[_GroupPage]:
    """The group's pages at the roomiest density that holds it on one page, else the tightest."""
    first = _heading(group, styles)
    for density in DENSITIES:
        pages = _paginate(group, styles, first, density)
        if len(pages) == 1:
            break
    return pages


def _paginate(
    group: GroupSheet,
    styles: dict[str, ParagraphStyle],
    first: Sequence[Flowable],
    density: _Density,
) -> list[_GroupPage]:
    """The first page with the heading, then « (suite) » pages while members remain."""
    widths = _widths()
    cell = _table_styles(density)
    members = _sorted_members(group.members)
    rows = [
        [
            Paragraph(str(number), cell["centre"]),
            Paragraph(_text(member.last_name.upper()), cell["name"]),
            Paragraph(_text(member.first_name), cell["cell"]),
            Paragraph(_text(member.organisation), cell["cell"]),
            Paragraph(_text(member.category), cell["cell"]),
        ]
        for number, member in enumerate(members, start=1)
    ]
    heights = [_row_height(cells, widths, density) for cells in rows]
    head = [Paragraph(_text(_(title)), cell["head"]) for title in COLUMNS]
    head_height = _row_height(head, widths, density)
    continued_title = f"{group.name} {_('(continued)')}"
    continued = [Paragraph(_text(continued_title), styles["continued"]), Spacer(1, 4 * mm)]
    pages: list[_GroupPage] = []
    start = 0
    while True:
        heading = first if not pages else continued
        room = TOP - BOTTOM - sum(_height(f, WIDTH) for f in heading) - head_height
        end, used = start, 0.0
        while end < len(rows) and used + heights[end] <= room:
            used += heights[end]
            end += 1
        if end == start and pages and end < len(rows):
            end += 1  # a row taller than a page (never seen): printed alone rather than lost
        pages.append(
            _GroupPage(
                group,
                tuple(heading),
                (head, *rows[start:end]),
                (head_height, *heights[start:end]),
                start + 1,
                empty=not rows,
                density=density,
            )
        )
        start = end
        if start >= len(rows):
            return pages


def _members_table(page: _GroupPage) -> Table:
    padding = page.density.padding
    table = Table(list(page.rows), colWidths=_widths(), rowHeights=list(page.heights))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GREY),
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    return table


def write_group_lists(doc: GroupsDocument, path: Path, progress: Progress | None = None) -> None:
    """One A4 page per group (more when its members do not fit), written to `path` atomically.

    `progress(done, total)` counts groups.
    """
    if not doc.groups:
        raise ValueError("no group to print")
    styles = _styles()
    pages = [page for group in doc.groups for page in _group_pages(group, styles)]
    buffer = io.BytesIO()
    title = _("Breakout groups – {round}").format(round=doc.round_name)
    canvas = _canvas(buffer, title, doc.workshop_title)
    total, done = len(doc.groups), 0
    for number, page in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
        _page_frame(canvas, doc, number, len(pages))
        flowables: list[Flowable] = [*page.heading, _members_table(page)]
        if page.empty:
            flowables += [Spacer(1, 3 * mm), Paragraph(_text(_("No member yet.")), styles["empty"])]
        _stack(canvas, flowables, MARGIN, TOP, WIDTH)
        last_of_group = number == len(pages) or pages[number].group is not page.group
        if last_of_group:
            done += 1
            if progress is not None:
                progress(done, total)
    canvas.showPage()
    canvas.save()
    write_atomically(path, buffer.getvalue())


# -- The door sheet ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One person on the door sheet: one line (wrapped only when a name is very long)."""

    initial: str
    cells: tuple[Paragraph, Paragraph, Paragraph]
    height: float


def _initial(last_name: str, first_name: str) -> str:
    """The letter a name is filed under: « Élodie » under E, « N'Diaye » under N."""
    folded = fold(last_name) or fold(first_name)
    letter = folded[:1].upper()
    return letter if letter.isalpha() else "#"


def _entries(doc: GroupsDocument, styles: dict[str, ParagraphStyle]) -> list[_Entry]:
    people = [(member, group) for group in doc.groups for member in group.members]
    people.sort(key=lambda pair: (*_sort_key(pair[0].last_name, pair[0].first_name), pair[1].name))
    entries = []
    for member, group in people:
        room = _("Room {room}").format(room=group.room) if group.room.strip() else ""
        cells = (
            Paragraph(escape(_display_name(member)), styles["person"]),
            Paragraph(f"→ {_text(group.name)}", styles["place"]),
            Paragraph(_text(room), styles["place"]),
        )
        height = max(
            float(cell.wrap(width - 2 * PADDING, PAGE[1])[1])
            for cell, width in zip(cells, DOOR_WIDTHS, strict=True)
        )
        entries.append(
            _Entry(_initial(member.last_name, member.first_name), cells, height + 2 * DOOR_PAD)
        )
    return entries


class _Letter(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A letter's divider: the letter, white on a dark band across the page."""

    def __init__(self, text: str, font: str) -> None:
        super().__init__()
        self.text, self.font = text, font
        self.width, self.height = WIDTH, DIVIDER

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(colors.Color(0.2, 0.2, 0.2))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(self.font, LETTER_SIZE)
        canvas.drawString(PADDING, (self.height - LETTER_SIZE * 0.72) / 2, self.text)


def _rows(entries: Sequence[_Entry]) -> Table:
    """A run of people under one letter, striped so that the eye follows a line across."""
    table = Table(
        [list(entry.cells) for entry in entries],
        colWidths=list(DOOR_WIDTHS),
        rowHeights=[entry.height for entry in entries],
    )
    table.setStyle(
        TableStyle(
            [
                ("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.white, STRIPE]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), DOOR_PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), DOOR_PAD),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ]
        )
    )
    return table


@dataclass
class _DoorPage:
    flowables: list[Flowable]
    initials: list[str]


def _door_pages(entries: list[_Entry], room: float) -> list[_DoorPage]:
    """Fill pages in order; a letter carried over to a new page says « (suite) » at its top."""
    _regular, bold = register_fonts()
    divider = DIVIDER + 2 * DIVIDER_GAP  # the gap under it, and the one closing its run
    pages: list[_DoorPage] = []
    page = _DoorPage([], [])
    run: list[_Entry] = []
    used = 0.0
    letter = None

    def close_run() -> None:
        if run:
            page.flowables.append(_rows(run))
            page.flowables.append(Spacer(1, DIVIDER_GAP))
            run.clear()

    for entry in entries:
        new_letter = entry.initial != letter
        need = entry.height + (divider if new_letter else 0.0)
        if page.initials and used + need > room:
            close_run()
            pages.append(page)
            page, used = _DoorPage([], []), 0.0
            if not new_letter:
                label = f"{visual(entry.initial)} {_('(continued)')}"
                page.flowables.append(_Letter(label, bold))
                page.flowables.append(Spacer(1, DIVIDER_GAP))
                used += divider
        if new_letter:
            close_run()
            page.flowables.append(_Letter(visual(entry.initial), bold))
            page.flowables.append(Spacer(1, DIVIDER_GAP))
            used += divider
            letter = entry.initial
        run.append(entry)
        page.initials.append(entry.initial)
        used += entry.height
    close_run()
    pages.append(page)
    return pages


def write_door_sheet(doc: GroupsDocument, path: Path, progress: Progress | None = None) -> None:
    """Everyone in alphabetical order with their group and room, on A4 pages posted at the door.

    `progress(done, total)` counts people.
    """
    styles = _styles()
    entries = _entries(doc, styles)
    if not entries:
        raise ValueError("no group member to print")
    _regular, bold = register_fonts()
    heading = [
        Paragraph(_text(_("Find your group")), styles["title"]),
        Paragraph(_text(f"{doc.workshop_title} — {doc.round_name}"), styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    top = TOP - sum(_height(f, WIDTH - RANGE_WIDTH) for f in heading)
    pages = _door_pages(entries, top - BOTTOM)
    buffer = io.BytesIO()
    canvas = _canvas(buffer, _("Find your group"), doc.workshop_title)
    total, done = len(entries), 0
    for number, page in enumerate(pages, start=1):
        if number > 1:
            canvas.showPage()
        _page_frame(canvas, doc, number, len(pages))
        _stack(canvas, heading, MARGIN, TOP, WIDTH - RANGE_WIDTH)
        first, last = page.initials[0], page.initials[-1]
        span = first if first == last else f"{first} – {last}"
        canvas.setFont(bold, 24)
        canvas.drawRightString(PAGE[0] - MARGIN, TOP - 24, visual(span))
        _stack(canvas, page.flowables, MARGIN, top, WIDTH)
        done += len(page.initials)
        if progress is not None:
            progress(done, total)
    canvas.showPage()
    canvas.save()
    write_atomically(path, buffer.getvalue())
