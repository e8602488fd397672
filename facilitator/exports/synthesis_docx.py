"""The synthesis as a Word document the organisers edit: real headings, styled tables, fields."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from facilitator.exports.atomic import replaced_when_done
from facilitator.exports.docx_chart import add_bar_chart
from facilitator.exports.synthesis_chart import empty_days_note, presence_bars
from facilitator.exports.synthesis_common import (
    AS_RUN,
    BY_GENDER,
    BY_TYPE,
    CATEGORY,
    CONTENTS,
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
    REPORT,
    ROOM,
    ROUND,
    THEME,
    TOTAL,
    bullet_text,
    count_columns,
    count_values,
    day_columns,
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
    Progress,
    RecommendationRow,
    SynthesisSnapshot,
    speaking,
)
from facilitator.i18n import N_

TABLE_STYLE = "Light Grid Accent 1"
TABLE_TEXT = N_("Table text")
CONTACTS = N_("Contacts")


def _field_start(paragraph: Paragraph, instruction: str) -> None:
    """Opens a Word field (PAGE, NUMPAGES, TOC…): what follows, up to _field_end, is the result
    shown until Word computes it, when it opens or prints the document."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)


def _field_end(paragraph: Paragraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A field within one paragraph, showing `placeholder` until Word computes it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_end(paragraph)


def _update_fields_on_open(document: DocxDocument) -> None:
    """Word computes the fields (the contents' page numbers) when it opens the document."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # The schema's order: updateFields comes before these.
    later = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids"}
    following = next((c for c in settings if c.tag.split("}")[-1] in later), None)
    if following is not None:
        following.addprevious(update)
    else:
        settings.append(update)


def _word_language(snapshot: SynthesisSnapshot) -> str:
    return "fr-FR" if snapshot.language == "fr" else "en-GB"


def _setup(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    """A4, the language for spelling, DejaVu-free fonts Word has, header and footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), _word_language(snapshot))
    normal.element.get_or_add_rPr().append(language)
    section.different_first_page_header_footer = snapshot.cover is not None
    header = section.header.paragraphs[0]
    header.text = f"{snapshot.workshop_title} — {label(REPORT)}"
    header.style = document.styles["Header"]
    document.styles["Header"].font.size = Pt(8)  # one line for a long title
    document.styles["Footer"].font.size = Pt(8)
    # Tables hold many columns: their own, smaller text keeps words whole (a paragraph style,
    # which every reader applies and the organiser can restyle at once).
    cells = document.styles.add_style(label(TABLE_TEXT), WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = Pt(9)
    cells.paragraph_format.space_after = Pt(0)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    place = " · ".join(p for p in (snapshot.dates_label, snapshot.venue) if p)
    footer.add_run(f"{place} — " if place else "")
    page = label("Page {page} / {pages}")
    before, _sep, rest = page.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    footer.add_run(before)
    _field(footer, "PAGE", "1")
    footer.add_run(middle)
    _field(footer, "NUMPAGES", "1")
    footer.add_run(after)
    _properties(document, snapshot)


# The template's docProps/app.xml names « Microsoft Macintosh Word » as the application.
APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>Facilitator</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _properties(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    """The file's own facts, not those of python-docx's template (2013, « generated by »…)."""
    properties = document.core_properties
    properties.title = snapshot.workshop_title
    properties.subject = label(REPORT)
    properties.language = snapshot.language
    properties.author = properties.last_modified_by = "Facilitator"
    properties.created = properties.modified = snapshot.generated_at.replace(microsecond=0)
    properties.comments = properties.keywords = properties.category = ""
    properties.revision = 1
    package = document.part.package
    assert package is not None
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_PROPERTIES


def _repeat_header(table: Table) -> None:
    """The header row repeats at the top of each page the table runs onto, and no row is cut
    in two at a page's foot (a row taller than a page still is: Word and LibreOffice then must)."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
    for row in table.rows:
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def _table(
    document: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float] | None = None,
) -> Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The style's id set directly: python-docx's Paragraph.style looks the default style up
    # through every style on each call, which made a 300-person annex take seconds.
    style = document.styles[label(TABLE_TEXT)].style_id
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = title
        cell.paragraphs[0]._p.style = style
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
            cell.paragraphs[0]._p.style = style
    _repeat_header(table)
    if widths:
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    document.add_paragraph()
    return table


def _paragraphs(document: DocxDocument, lines: Sequence[str]) -> None:
    for line in lines:
        if (bullet := bullet_text(line)) is not None:
            document.add_paragraph(bullet, style="List Bullet")
        else:
            document.add_paragraph(line)


def _labelled(document: DocxDocument, name: str, value: str) -> None:
    """« Rapporteur : … »: kept on the page of what it introduces."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(label(name)).bold = True
    paragraph.add_run(f" {value}")


def _cover(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    cover = snapshot.cover
    assert cover is not None
    for _blank in range(6):
        document.add_paragraph()
    kicker = document.add_paragraph()
    run = kicker.add_run(cover.subtitle.upper())
    run.bold, run.font.size, run.font.color.rgb = True, Pt(13), RGBColor(0x1F, 0x4E, 0x79)
    document.add_paragraph(cover.title, style="Title")
    for line in (cover.dates_label, cover.venue):
        if line:
            document.add_paragraph(line).runs[0].font.size = Pt(13)
    document.add_paragraph()
    for line in cover.organisers:
        document.add_paragraph(line)
    document.add_paragraph()
    document.add_paragraph(cover.prepared_label).runs[0].italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    """A TOC field; until Word fills in the page numbers, it lists the sections' titles."""
    heading = document.add_paragraph(label(CONTENTS), style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    titles = [section.title for section in snapshot.body_sections]
    paragraph = document.add_paragraph()
    _field_start(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
    paragraph.add_run(titles[0])
    for title in titles[1:]:
        paragraph = document.add_paragraph(title)
    _field_end(paragraph)
    _update_fields_on_open(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _context(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    for block in snapshot.context:
        document.add_heading(block.heading, level=2)
        _paragraphs(document, block.paragraphs)


def _participation(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    part = snapshot.participation
    assert part is not None
    document.add_paragraph(part.summary)
    columns = ["", *count_columns(snapshot)]
    for title, rows in ((BY_TYPE, part.by_type), (BY_GENDER, part.by_gender)):
        document.add_heading(label(title), level=2)
        values = [[row.label, *count_values(row)] for row in rows]
        values.append([label(TOTAL), *count_values(part.total)])
        other = 11.0 / (len(columns) - 1)
        table = _table(document, columns, values, widths=(6.0, *([other] * (len(columns) - 1))))
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    if part.by_type:
        chart = presence_bars(part, _word_language(snapshot))
        add_bar_chart(document, chart, width=Cm(16))
        note = empty_days_note(part)
        if note:  # a day with no arrival is left out of the chart: say so under it
            run = document.add_paragraph().add_run(note)
            run.italic = True
            run.font.size = Pt(8)


def _agenda(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    header = [label(PLANNED), label(AS_RUN), label(DELAY), label(ITEM)]
    noted = []
    for day in snapshot.agenda:
        document.add_heading(day.label, level=2)
        document.add_paragraph(day.summary)
        rows = []
        for row in day.rows:
            title = row.title if row.level == 0 else f"    {row.title}"
            rows.append([
                time_range(row.planned_start, row.planned_end),
                time_range(row.actual_start, row.actual_end),
                row.delay_label,
                title,
            ])  # fmt: skip
            if row.notes:
                noted.append((day.label, row))
        table = _table(document, header, rows, widths=(2.3, 2.3, 1.9, 10.5))
        for line, row in zip(table.rows[1:], day.rows, strict=True):
            details = " · ".join(part for part in (row.kind, row.speakers) if part)
            if details:  # the item's kind and speakers, under its title as in the PDF
                run = line.cells[3].paragraphs[0].add_run(f"\n{details}")
                run.italic, run.font.size = True, Pt(8)
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if noted:
        document.add_heading(label(NOTES_ON_ITEMS), level=2)
        several = len(snapshot.agenda) > 1
        for day_label, row in noted:
            when = f"{day_label}, {hhmm(row.planned_start)}" if several else hhmm(row.planned_start)
            document.add_heading(f"{when} — {row.title}", level=3)
            _paragraphs(document, row.notes)


def _groups(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    for group in snapshot.groups:
        document.add_heading(group.name, level=2)
        for name, value in (
            (ROUND, group.round_name),
            (THEME, group.theme),
            (ROOM, group.room),
            (MODERATOR, group.moderator),
            (RAPPORTEUR, group.rapporteur),
            (MEMBERS, str(len(group.members)) if group.members else ""),
        ):
            if value:
                _labelled(document, name, value)
        if group.members:
            rows = [
                [str(n), m.name, m.organisation, m.category]
                for n, m in enumerate(group.members, start=1)
            ]
            header = [label(NUMBER), label(NAME), label(ORGANISATION), label(CATEGORY)]
            _table(document, header, rows, widths=(1.0, 5.0, 7.0, 4.0))


def _restitutions(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    for entry in snapshot.restitutions:
        title = f"{entry.group_name} — {entry.theme}" if entry.theme else entry.group_name
        document.add_heading(title, level=2)
        if entry.rapporteur:
            _labelled(document, RAPPORTEUR, entry.rapporteur)
        _paragraphs(document, entry.notes)
        for block in entry.blocks:
            document.add_heading(block.heading, level=3)
            for line in block.lines:
                paragraph = document.add_paragraph(line.text, style="List Bullet")
                if line.details:
                    detail = paragraph.add_run(f" ({line.details})")
                    detail.italic = True
                    detail.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _recommendation_table(document: DocxDocument, rows: Sequence[RecommendationRow]) -> None:
    """Numbered recommendations; the type goes under the text, where a narrow column of its
    own would cut « Opérationnelle » in two."""
    header = recommendation_columns(False)
    del header[2]
    values = []
    for row in rows:
        cells = recommendation_values(row, False)
        del cells[2]
        values.append(cells)
    table = _table(document, header, values, widths=(1.0, 6.6, 3.4, 1.9, 1.8, 2.3))
    for line, row in zip(table.rows[1:], rows, strict=True):
        if row.type_label:
            run = line.cells[1].paragraphs[0].add_run(f"\n{row.type_label}")
            run.italic, run.font.size = True, Pt(8)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _recommendations(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    kept = [row for row in snapshot.recommendations if row.kept]
    set_aside = [row for row in snapshot.recommendations if not row.kept]
    if kept:
        _recommendation_table(document, kept)
    if set_aside:
        document.add_heading(label(NOT_RETAINED), level=2)
        _recommendation_table(document, set_aside)


def _landscape(document: DocxDocument) -> None:
    """A new page in landscape, with the same running header and footer."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.different_first_page_header_footer = False  # the cover's blank first page is done


def _text_width(document: DocxDocument) -> float:
    """The width of the current section's text in centimetres."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    return float(Length(width).cm)


def _annexes(document: DocxDocument, snapshot: SynthesisSnapshot) -> None:
    """The participant list; phone and e-mail share one column, on two lines, when included."""
    header = participant_columns(snapshot)
    days = len(day_columns(snapshot))
    if snapshot.include_contacts:
        header[4:6] = [label(CONTACTS)]
    rows = []
    for person in snapshot.participants:
        values = [
            str(person.number),
            person_name(person),
            organisation_and_function(person),
            person.category,
        ]
        if snapshot.include_contacts:
            values.append("\n".join(part for part in (person.phone, person.email) if part))
        rows.append(values + [hhmm(arrival) for arrival in person.arrivals])
    # Numbers, times and contacts keep their width; names, structures and types share the rest.
    fixed = [6.0] if snapshot.include_contacts else []  # a landscape page: e-mails on one line
    rest = _text_width(document) - 1.0 - sum(fixed) - 1.7 * days
    shared = [rest * share for share in (0.28, 0.42, 0.30)]
    widths = [1.0, *shared, *fixed, *([1.7] * days)]
    _table(document, header, rows, widths=widths)


_BUILDERS = {
    "context": _context,
    "participation": _participation,
    "agenda": _agenda,
    "groups": _groups,
    "restitutions": _restitutions,
    "recommendations": _recommendations,
    "annexes": _annexes,
}


def write_synthesis_docx(
    snapshot: SynthesisSnapshot, path: Path, progress: Progress | None = None
) -> None:
    """The report as a .docx, written to `path` only once complete; progress counts sections."""
    with speaking(snapshot.language):
        document = Document()
        _setup(document, snapshot)
        if snapshot.cover is not None:
            _cover(document, snapshot)
        body = snapshot.body_sections
        if len(body) > 1:
            _contents(document, snapshot)
        for index, section in enumerate(body, start=1):
            if section.key == "annexes" and snapshot.include_contacts:
                _landscape(document)  # the contacts' column needs the width
            elif index > 1:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            document.add_heading(section.title, level=1)
            _BUILDERS[section.key](document, snapshot)
            if progress is not None:
                progress(index, len(body))
        with replaced_when_done(path) as temporary:
            document.save(str(temporary))
