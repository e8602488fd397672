"""The synthesis as a workbook: participants, agenda, groups, group reports and recommendations,
one sheet each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from facilitator.exports.atomic import replaced_when_done
from facilitator.exports.synthesis_common import (
    ACTOR,
    CATEGORY,
    DAY,
    EMAIL,
    FIRST_NAME,
    FUNCTION,
    GENDER,
    HORIZON,
    ITEM,
    LAST_NAME,
    NUMBER,
    ORGANISATION,
    PHONE,
    PRIORITY,
    PROPOSED_BY,
    RECOMMENDATION,
    SPEAKERS,
    VOTES,
    label,
)
from facilitator.exports.synthesis_snapshot import Progress, SynthesisSnapshot, speaking
from facilitator.i18n import N_

PARTICIPANTS = N_("Participants")
AGENDA = N_("Agenda")
GROUPS = N_("Groups")
RECOMMENDATIONS = N_("Recommendations")
RESTITUTIONS = N_("Group reports")
KIND, TEXT, DETAILS = N_("Type"), N_("Text"), N_("Details")
GROUP = N_("Group")
NOTES = N_("Notes taken")
RETAINED = N_("Retained")
YES, NO = N_("yes"), N_("no")
PLANNED_START, PLANNED_END = N_("Planned start"), N_("Planned end")
ACTUAL_START, ACTUAL_END = N_("Actual start"), N_("Actual end")
DELAY_MINUTES = N_("Delay (min)")
THEME, ROOM = N_("Theme"), N_("Room")
MODERATOR, RAPPORTEUR = N_("Moderator"), N_("Rapporteur")
ROUND = N_("Round")
HEADER_FILL = PatternFill("solid", start_color="DCE6F0")
MAX_WIDTH = 60


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """A local time as a spreadsheet cell holds it: without an offset."""
    return moment.replace(tzinfo=None) if moment is not None else None


def _sheet(workbook: Workbook, title: str, header: Sequence[str]) -> Worksheet:
    ws = workbook.create_sheet(label(title)[:31])
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    return ws


def _append(ws: Worksheet, values: Sequence[object]) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":  # a text starting with « = » is text, not a formula
            cell.data_type = "s"


def _finish(ws: Worksheet, widths: dict[int, float] | None = None) -> None:
    """Filters on the header, columns as wide as their content (within reason)."""
    ws.auto_filter.ref = ws.dimensions
    for index, column in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 400)), 1):
        longest = max(
            (len(str(cell.value)) for cell in column if cell.value is not None), default=8
        )
        width = (widths or {}).get(index, min(MAX_WIDTH, max(8, longest + 2)))
        ws.column_dimensions[get_column_letter(index)].width = width


def _participants(workbook: Workbook, snapshot: SynthesisSnapshot) -> None:
    header = [label(c) for c in (NUMBER, LAST_NAME, FIRST_NAME, ORGANISATION, FUNCTION,
                                 CATEGORY, GENDER)]  # fmt: skip
    if snapshot.include_contacts:
        header += [label(PHONE), label(EMAIL)]
    header += list(snapshot.day_labels)
    ws = _sheet(workbook, PARTICIPANTS, header)
    first_day = len(header) - len(snapshot.day_labels) + 1
    for person in snapshot.participants:
        values: list[object] = [
            person.number,
            person.last_name,
            person.first_name,
            person.organisation,
            person.function,
            person.category,
            person.gender,
        ]
        if snapshot.include_contacts:
            values += [person.phone, person.email]
        values += [a.replace(tzinfo=None).time() if a else None for a in person.arrivals]
        _append(ws, values)
    for row in ws.iter_rows(min_row=2, min_col=first_day, max_col=ws.max_column):
        for cell in row:
            cell.number_format = "hh:mm"
    _finish(ws, {column: 14 for column in range(first_day, ws.max_column + 1)})


def _agenda(workbook: Workbook, snapshot: SynthesisSnapshot) -> None:
    header = [label(c) for c in (DAY, ITEM, CATEGORY, SPEAKERS, PLANNED_START, PLANNED_END,
                                 ACTUAL_START, ACTUAL_END, DELAY_MINUTES, NOTES)]  # fmt: skip
    ws = _sheet(workbook, AGENDA, header)
    for day in snapshot.agenda:
        for row in day.rows:
            _append(ws, [
                row.planned_start.date(),
                ("    " if row.level else "") + row.title,
                row.kind,
                row.speakers,
                local(row.planned_start),
                local(row.planned_end),
                local(row.actual_start),
                local(row.actual_end),
                row.delay_minutes,
                "\n".join(row.notes),
            ])  # fmt: skip
    for line in ws.iter_rows(min_row=2):
        line[0].number_format = "dd/mm/yyyy"
        for cell in line[4:8]:
            cell.number_format = "hh:mm"
    _finish(ws, {1: 12, 2: 50, 5: 11, 6: 11, 7: 11, 8: 11, 9: 10, 10: 60})


def _groups(workbook: Workbook, snapshot: SynthesisSnapshot) -> None:
    """A line per member; the round's column only when the workshop had several rounds."""
    rounds = any(group.round_name for group in snapshot.groups)
    header = [label(c) for c in (ROUND, GROUP, THEME, ROOM, MODERATOR, RAPPORTEUR, NUMBER,
                                 LAST_NAME, ORGANISATION, CATEGORY)]  # fmt: skip
    header[7] = label(N_("Name"))
    if not rounds:
        del header[0]
    ws = _sheet(workbook, GROUPS, header)
    for group in snapshot.groups:
        facts = [group.round_name, group.name, group.theme, group.room, group.moderator,
                 group.rapporteur]  # fmt: skip
        if not rounds:
            del facts[0]
        if not group.members:
            _append(ws, [*facts, None, "", "", ""])
        for number, member in enumerate(group.members, start=1):
            _append(ws, [*facts, number, member.name, member.organisation, member.category])
    _finish(ws)


def _restitutions(workbook: Workbook, snapshot: SynthesisSnapshot) -> None:
    """A line per challenge, opportunity, good practice and proposal, and per group's notes."""
    header = [label(c) for c in (GROUP, THEME, RAPPORTEUR, KIND, NUMBER, TEXT, DETAILS)]
    ws = _sheet(workbook, RESTITUTIONS, header)
    for entry in snapshot.restitutions:
        facts = [entry.group_name, entry.theme, entry.rapporteur]
        if entry.notes:
            _append(ws, [*facts, label(NOTES), None, "\n".join(entry.notes), ""])
        for block in entry.blocks:
            for number, line in enumerate(block.lines, start=1):
                _append(ws, [*facts, block.heading, number, line.text, line.details])
    for line in ws.iter_rows(min_row=2):
        line[5].alignment = Alignment(wrap_text=True, vertical="top")
    _finish(ws, {6: 70, 7: 40})


def _recommendations(workbook: Workbook, snapshot: SynthesisSnapshot) -> None:
    header = [label(c) for c in (NUMBER, RECOMMENDATION, CATEGORY, ACTOR, HORIZON, PRIORITY,
                                 VOTES, PROPOSED_BY, RETAINED)]  # fmt: skip
    ws = _sheet(workbook, RECOMMENDATIONS, header)
    for row in snapshot.recommendations:
        _append(ws, [
            row.number,
            row.text,
            row.type_label,
            row.actor,
            row.horizon_label,
            row.priority,
            row.votes,
            ", ".join(row.groups),
            label(YES) if row.kept else label(NO),
        ])  # fmt: skip
    for line in ws.iter_rows(min_row=2):
        for cell in (line[1], line[3]):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _finish(ws, {2: 70, 4: 40})


def write_synthesis_xlsx(
    snapshot: SynthesisSnapshot, path: Path, progress: Progress | None = None
) -> None:
    """A sheet per section chosen (participants, agenda, groups, group reports, recommendations),
    each with a bold, frozen, filterable header; `path` appears only once complete."""
    with speaking(snapshot.language):
        workbook = Workbook()
        default = workbook.active
        if default is not None:
            workbook.remove(default)
        # One sheet per section chosen (the participants go with the annex or the participation).
        chosen = {
            _participants: snapshot.has("annexes") or snapshot.has("participation"),
            _agenda: snapshot.has("agenda"),
            _groups: snapshot.has("groups"),
            _restitutions: snapshot.has("restitutions"),
            _recommendations: snapshot.has("recommendations"),
        }
        steps = [step for step, wanted in chosen.items() if wanted] or [_participants]
        for done, step in enumerate(steps, start=1):
            step(workbook, snapshot)
            if progress is not None:
                progress(done, len(steps))
        workbook.properties.title = snapshot.workshop_title
        workbook.properties.subject = label(N_("Synthesis report"))
        with replaced_when_done(path) as temporary:
            workbook.save(temporary)
