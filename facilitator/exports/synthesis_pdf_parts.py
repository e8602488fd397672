"""The synthesis PDF's parts: styles, headings, and the flowables of each section."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from facilitator.exports.fonts import register_fonts, visual
from facilitator.exports.pdf_table import SplittingTable
from facilitator.exports.synthesis_chart import empty_days_note, presence_chart
from facilitator.exports.synthesis_common import (
    AS_RUN,
    BY_GENDER,
    BY_TYPE,
    CATEGORY,
    DELAY,
    ITEM,
    MEMBERS,
    MODERATOR,
    NAME,
    NOT_RETAINED,
    NOTES_ON_ITEMS,
    NUMBER,
    ORGANISATION,
    PLANNED,
    RAPPORTEUR,
    ROOM,
    ROUND,
    THEME,
    TOTAL,
    bullet_text,
    count_columns,
    count_values,
    hhmm,
    label,
    organisation_and_function,
    participant_columns,
    person_name,
    recommendation_columns,
    recommendation_values,
    time_range,
)
from facilitator.exports.synthesis_snapshot import (
    RecommendationRow,
    Section,
    SynthesisSnapshot,
)

PAGE = A4
WIDE = landscape(A4)  # the annex's pages when its columns do not fit across A4
MARGIN = 16 * mm
HEADER = 18 * mm  # from the top of the page to the top of the body
TOP = PAGE[1] - HEADER
BOTTOM = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN
WIDE_WIDTH = WIDE[0] - 2 * MARGIN
TOC_CHARACTERS = 160  # a longer heading is cut with « … » in the contents
STRUCTURE_MIN: float = 45 * mm  # the annex's Structure column, at least, on a portrait page
SMALL = 8
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.85, 0.85, 0.85)
STRIPE = colors.Color(0.96, 0.96, 0.96)
ACCENT = colors.HexColor("#1F4E79")
HEAD_FILL = colors.HexColor("#DCE6F0")
LATE = colors.HexColor("#B42318")
_serials = itertools.count(1)


def text(value: str) -> str:
    """Paragraph markup for a text: right-to-left runs in visual order, markup escaped."""
    return escape(visual(value))


def shorten(value: str, characters: int) -> str:
    """`value` cut at a word boundary with « … » when longer than `characters`."""
    if len(value) <= characters:
        return value
    cut = value[:characters]
    space = cut.rfind(" ")
    return (cut[:space] if space > characters // 2 else cut).rstrip(" ,;:–—-") + "…"


class PdfStyles(dict[str, ParagraphStyle]):
    """The report's paragraph styles, by name."""

    def __init__(self) -> None:
        super().__init__()
        regular, bold = register_fonts()
        body = ParagraphStyle(
            "body",
            fontName=regular,
            bulletFontName=regular,
            fontSize=10,
            leading=13.5,
            spaceAfter=5,
        )
        cell = ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5)
        self.update(
            body=body,
            bullet=ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
            note=ParagraphStyle("note", parent=body, fontSize=9.5, leading=12.5, leftIndent=8),
            detail=ParagraphStyle(
                "detail", parent=body, fontSize=8.5, leading=11, textColor=GREY, leftIndent=12
            ),
            cell=cell,
            cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=bold),
            cell_small=ParagraphStyle("cell_small", parent=cell, fontSize=7.5, textColor=GREY),
            cell_sub=ParagraphStyle("cell_sub", parent=cell, leftIndent=10),
            head=ParagraphStyle("head", parent=cell, fontName=bold, alignment=TA_CENTER),
            head_small=ParagraphStyle(
                "head_small", parent=cell, fontName=bold, fontSize=7.5, alignment=TA_CENTER
            ),
            number=ParagraphStyle("number", parent=cell, alignment=TA_CENTER),
            h1=ParagraphStyle(
                "h1", fontName=bold, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=10
            ),
            h2=ParagraphStyle(
                "h2", fontName=bold, fontSize=12.5, leading=16, textColor=ACCENT,
                spaceBefore=10, spaceAfter=5,
            ),
            # keepWithNext: « Défis » never ends a page without its first bullet
            h3=ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6,
                              spaceAfter=3, keepWithNext=1),
            title=ParagraphStyle("title", fontName=bold, fontSize=17, leading=21,
                                 textColor=ACCENT, spaceAfter=14),
            toc1=ParagraphStyle("toc1", fontName=bold, fontSize=11, leading=15, leftIndent=0,
                                spaceBefore=5),
            toc2=ParagraphStyle("toc2", fontName=regular, fontSize=9.5, leading=12.5,
                                leftIndent=14),
            cover_kicker=ParagraphStyle("kicker", fontName=bold, fontSize=13, leading=17,
                                        textColor=ACCENT, spaceAfter=10),
            cover_title=ParagraphStyle("cover_title", fontName=bold, fontSize=24, leading=30,
                                       spaceAfter=18),
            cover_line=ParagraphStyle("cover_line", fontName=regular, fontSize=13, leading=18),
            cover_small=ParagraphStyle("cover_small", fontName=regular, fontSize=10.5,
                                       leading=14, textColor=GREY),
        )  # fmt: skip


class Heading(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A heading the contents and the PDF outline list (level 0 and 1 in the contents)."""

    def __init__(
        self, plain: str | None, style: ParagraphStyle, level: int = -1, **parts: Any
    ) -> None:
        if plain is None:  # the rest of a heading too long for its page, made by split()
            self.plain, self.level, self.serial, self.markup = "", level, 0, ""
            self.continued = True
            super().__init__(None, style, **parts)
            return
        self.plain, self.level, self.serial = plain, level, next(_serials)
        self.continued = False
        # The contents and the outline get at most a few lines, not a 3,000-character theme.
        self.markup = text(shorten(plain, TOC_CHARACTERS))
        super().__init__(text(plain), style)
        self.keepWithNext = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts:  # the contents point at the first part; the others are plain text
            first = parts[0]
            first.plain, first.level, first.serial = self.plain, self.level, self.serial
            first.markup, first.continued = self.markup, self.continued
        return parts


def _table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    striped: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table whose header row repeats on every page it runs onto, and whose very tall rows
    split across pages."""
    table = SplittingTable(list(rows), colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    regular, _bold = register_fonts()
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if striped:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]))
    table.setStyle(TableStyle([*style, *extra]))
    return table


def _head(styles: PdfStyles, titles: Sequence[str]) -> list[Paragraph]:
    return [Paragraph(text(title), styles["head"]) for title in titles]


def _paragraphs(lines: Sequence[str], styles: PdfStyles, style: str = "body") -> list[Flowable]:
    """Lines as paragraphs; a line starting with « - » or « • » is a bullet."""
    out: list[Flowable] = []
    for line in lines:
        if (bullet := bullet_text(line)) is not None:
            out.append(Paragraph(text(bullet), styles["bullet"], bulletText="•"))
        else:
            out.append(Paragraph(text(line), styles[style]))
    return out


def cover_flowables(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    cover = snapshot.cover
    assert cover is not None
    flowables: list[Flowable] = [
        Spacer(1, 45 * mm),
        Paragraph(text(cover.subtitle.upper()), styles["cover_kicker"]),
        _Rule(60 * mm, 2.2, ACCENT),
        Spacer(1, 8 * mm),
        Paragraph(text(cover.title), styles["cover_title"]),
    ]
    for line in (cover.dates_label, cover.venue):
        if line:
            flowables.append(Paragraph(text(line), styles["cover_line"]))
    if cover.organisers:
        flowables += [Spacer(1, 30 * mm), _Rule(WIDTH, 0.6, LIGHT), Spacer(1, 4 * mm)]
        flowables += [Paragraph(text(line), styles["cover_line"]) for line in cover.organisers]
    flowables += [Spacer(1, 12 * mm), Paragraph(text(cover.prepared_label), styles["cover_small"])]
    return flowables


class _Rule(Flowable):  # type: ignore[misc]
    def __init__(self, width: float, thickness: float, colour: colors.Color) -> None:
        super().__init__()
        self.width, self.height, self.thickness, self.colour = width, thickness, thickness, colour

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 0, self.width, 0)


def section_flowables(
    snapshot: SynthesisSnapshot, section: Section, styles: PdfStyles
) -> list[Flowable]:
    heading = Heading(section.title, styles["h1"], 0)
    body = _BUILDERS[section.key](snapshot, styles)
    return [heading, *body]


def _context(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    out: list[Flowable] = []
    for block in snapshot.context:
        out.append(Heading(block.heading, styles["h2"], 1))
        out += _paragraphs(block.paragraphs, styles)
    return out


def _participation(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    part = snapshot.participation
    assert part is not None
    columns = count_columns(snapshot)
    first = 62 * mm
    widths = [first] + [(WIDTH - first) / len(columns)] * len(columns)
    out: list[Flowable] = [Paragraph(text(part.summary), styles["body"])]
    for title, rows in ((BY_TYPE, part.by_type), (BY_GENDER, part.by_gender)):
        data: list[list[Any]] = [_head(styles, ["", *columns])]
        for row in rows:
            data.append([Paragraph(text(row.label), styles["cell"]), *count_values(row)])
        data.append([Paragraph(text(label(TOTAL)), styles["cell_bold"]), *count_values(part.total)])
        numbers = [("ALIGN", (1, 1), (-1, -1), "CENTER")]
        total_row = [("FONTNAME", (0, -1), (-1, -1), register_fonts()[1]),
                     ("LINEABOVE", (0, -1), (-1, -1), 0.8, GREY)]  # fmt: skip
        out += [
            Heading(label(title), styles["h2"], 1),
            _table(data, widths, extra=numbers + total_row),
        ]
    if part.by_type:
        chart: list[Flowable] = [presence_chart(part, WIDTH)]
        note = empty_days_note(part)
        if note:  # a day with no arrival is left out of the chart: say so under it
            chart.append(Paragraph(text(note), styles["cell_small"]))
        out += [Spacer(1, 6 * mm), KeepTogether(chart)]
    return out


def _agenda(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    widths = [24 * mm, 24 * mm, 17 * mm, WIDTH - 65 * mm]
    out: list[Flowable] = []
    with_notes = []
    for day in snapshot.agenda:
        out.append(Heading(day.label, styles["h2"], 1))
        out.append(Paragraph(text(day.summary), styles["body"]))
        data: list[list[Any]] = [_head(styles, [label(PLANNED), label(AS_RUN), label(DELAY),
                                                label(ITEM)])]  # fmt: skip
        extra: list[tuple[Any, ...]] = [("ALIGN", (0, 1), (2, -1), "CENTER")]
        for index, row in enumerate(day.rows, start=1):
            title = f"<b>{text(row.title)}</b>" if row.level == 0 else text(row.title)
            details = " · ".join(p for p in (row.kind, row.speakers) if p and row.level == 0)
            cell = [Paragraph(title, styles["cell" if row.level == 0 else "cell_sub"])]
            if details:
                cell.append(Paragraph(text(details), styles["cell_small"]))
            data.append([
                time_range(row.planned_start, row.planned_end),
                time_range(row.actual_start, row.actual_end),
                row.delay_label,
                cell,
            ])  # fmt: skip
            if row.delay_minutes is not None and row.delay_minutes >= 5:
                extra.append(("TEXTCOLOR", (2, index), (2, index), LATE))
            if row.level:
                extra.append(("TEXTCOLOR", (0, index), (1, index), GREY))
            if row.notes:
                with_notes.append((day.label, row))
        out.append(_table(data, widths, extra=extra))
    if with_notes:
        out += [CondPageBreak(40 * mm), Heading(label(NOTES_ON_ITEMS), styles["h2"], 1)]
        several_days = len(snapshot.agenda) > 1
        for day_label, row in with_notes:
            when = (
                f"{day_label}, {hhmm(row.planned_start)}"
                if several_days
                else hhmm(row.planned_start)
            )
            out.append(Paragraph(f"{text(when)} — {text(row.title)}", styles["h3"]))
            out += _paragraphs(row.notes, styles, "note")
    return out


def _groups(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    out: list[Flowable] = []
    widths = [10 * mm, 52 * mm, WIDTH - 112 * mm, 50 * mm]
    for group in snapshot.groups:
        out.append(CondPageBreak(45 * mm))
        out.append(Heading(group.name, styles["h2"], 1))
        facts = [
            (ROUND, group.round_name),
            (THEME, group.theme),
            (ROOM, group.room),
            (MODERATOR, group.moderator),
            (RAPPORTEUR, group.rapporteur),
        ]
        for name, value in facts:
            if value:
                out.append(Paragraph(f"<b>{text(label(name))}</b> {text(value)}", styles["body"]))
        if group.members:
            count = f"<b>{text(label(MEMBERS))}</b> {len(group.members)}"
            out.append(Paragraph(count, styles["body"]))
            data: list[list[Any]] = [
                _head(styles, [label(NUMBER), label(NAME), label(ORGANISATION), label(CATEGORY)])
            ]
            for number, member in enumerate(group.members, start=1):
                data.append([
                    str(number),
                    Paragraph(text(member.name), styles["cell"]),
                    Paragraph(text(member.organisation), styles["cell"]),
                    Paragraph(text(member.category), styles["cell"]),
                ])  # fmt: skip
            out.append(_table(data, widths, extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return out


def _restitutions(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    out: list[Flowable] = []
    for entry in snapshot.restitutions:
        out.append(CondPageBreak(50 * mm))
        title = f"{entry.group_name} — {entry.theme}" if entry.theme else entry.group_name
        out.append(Heading(title, styles["h2"], 1))
        if entry.rapporteur:
            said = f"<b>{text(label(RAPPORTEUR))}</b> {text(entry.rapporteur)}"
            out.append(Paragraph(said, styles["body"]))
        out += _paragraphs(entry.notes, styles)
        for block in entry.blocks:
            out.append(Paragraph(text(block.heading), styles["h3"]))
            for line in block.lines:
                out.append(Paragraph(text(line.text), styles["bullet"], bulletText="•"))
                if line.details:
                    out.append(Paragraph(text(line.details), styles["detail"]))
    return out


def _recommendation_table(rows: Sequence[RecommendationRow], styles: PdfStyles) -> Table:
    """Numbered; votes stay in the spreadsheet, the page is too narrow for them."""
    widths = [8 * mm, 0.0, 25 * mm, 32 * mm, 17 * mm, 15 * mm, 20 * mm]
    widths[1] = WIDTH - sum(widths)
    data: list[list[Any]] = [
        [Paragraph(text(title), styles["head_small"]) for title in recommendation_columns(False)]
    ]
    for row in rows:
        values = recommendation_values(row, False)
        cells: list[Any] = [Paragraph(f"<b>{values[0]}</b>", styles["number"])]
        cells += [Paragraph(text(value), styles["cell"]) for value in values[1:]]
        cells[5] = Paragraph(text(values[5]), styles["number"])
        data.append(cells)
    return _table(data, widths)


def _recommendations(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    kept = [row for row in snapshot.recommendations if row.kept]
    set_aside = [row for row in snapshot.recommendations if not row.kept]
    out: list[Flowable] = []
    if kept:
        out.append(_recommendation_table(kept, styles))
    if set_aside:
        out += [CondPageBreak(40 * mm), Heading(label(NOT_RETAINED), styles["h2"], 1)]
        out.append(_recommendation_table(set_aside, styles))
    return out


def _annex_widths(snapshot: SynthesisSnapshot, page_width: float) -> list[float]:
    """N°, name, structure (what is left), type, [contacts], one column per day."""
    days = len(snapshot.short_day_labels)
    fixed = [9 * mm, 40 * mm, 0.0, 32 * mm]
    if snapshot.include_contacts:
        fixed = [9 * mm, 48 * mm, 0.0, 38 * mm, 66 * mm]
    day_width = (19 if days > 1 else 16) * mm
    if days:  # many days share the room left beside a readable Structure column
        room = (page_width - sum(fixed) - STRUCTURE_MIN) / days
        day_width = max(12 * mm, min(day_width, room))
    fixed += [day_width] * days
    fixed[2] = page_width - sum(fixed)
    return fixed


def wide_annex(snapshot: SynthesisSnapshot) -> bool:
    """The annex goes landscape with contacts, or when its Structure would be too narrow.

    With phone and e-mail on a portrait page, Structure shrank to 1.5 cm and broke its words.
    """
    if snapshot.include_contacts:
        return True
    return _annex_widths(snapshot, WIDTH)[2] < STRUCTURE_MIN - 0.5


def wide_section(snapshot: SynthesisSnapshot, section: Section) -> bool:
    """Whether `section` is laid out on landscape pages."""
    return section.key == "annexes" and wide_annex(snapshot)


def email_markup(address: str, font: str, size: float, room: float) -> str:
    """An e-mail address on as many lines as it needs, broken only after « @ » and « . ».

    Too long for one line, it breaks after « @ » first, then wherever a « . » lets each part
    fit (« sokhna.dieng@ » over « ard-diourbel.example.sn », not « …example. » over « sn »).
    """

    def width(value: str) -> float:
        return float(pdfmetrics.stringWidth(value, font, size))

    if width(address) <= room:
        return text(address)
    local, at, domain = address.rpartition("@")
    lines: list[str] = []
    for part in (local + at, domain) if at else (address,):
        current = ""
        for piece in re.split(r"(?<=\.)", part):
            if current and width(current + piece) > room:
                lines.append(current)
                current = piece
            else:
                current += piece
        lines.append(current)
    return "<br/>".join(text(line) for line in lines if line)


def _annexes(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    widths = _annex_widths(snapshot, WIDE_WIDTH if wide_annex(snapshot) else WIDTH)
    columns = participant_columns(snapshot)
    contacts = snapshot.include_contacts
    head = _head(styles, columns)
    if contacts:  # phone over e-mail, in one column
        phone, email = (text(title) for title in columns[4:6])
        head[4:6] = [Paragraph(f"{phone}<br/>{email}", styles["head"])]
    days = len(snapshot.short_day_labels)
    cell = styles["cell"]
    room = widths[4] - 6 if contacts else 0.0  # less the cell's padding
    data: list[list[Any]] = [head]
    for person in snapshot.participants:
        row: list[Any] = [
            str(person.number),
            Paragraph(text(person_name(person)), cell),
            Paragraph(text(organisation_and_function(person)), cell),
            Paragraph(text(person.category), cell),
        ]
        if contacts:
            lines = [text(person.phone)] if person.phone else []
            if person.email:
                lines.append(email_markup(person.email, cell.fontName, cell.fontSize, room))
            row.append(Paragraph("<br/>".join(lines), cell))
        row += [hhmm(arrival) for arrival in person.arrivals]
        data.append(row)
    extra = [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (-days, 1), (-1, -1), "CENTER")]
    return [_table(data, widths, extra=extra)]


def _nothing(snapshot: SynthesisSnapshot, styles: PdfStyles) -> list[Flowable]:
    return []


_BUILDERS = {
    "cover": _nothing,
    "context": _context,
    "participation": _participation,
    "agenda": _agenda,
    "groups": _groups,
    "restitutions": _restitutions,
    "recommendations": _recommendations,
    "annexes": _annexes,
}
