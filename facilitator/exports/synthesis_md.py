"""The synthesis as Markdown: for a wiki, an e-mail, or a quick look in any text editor."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from facilitator.core.text import map_text_fields
from facilitator.exports.atomic import replaced_when_done
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
    ROOM,
    ROUND,
    THEME,
    TOTAL,
    bullet_text,
    count_columns,
    count_values,
    has_votes,
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

# Line breaks and runs of ordinary spaces fold to one space in a table cell; no-break spaces stay
# (str.split would take them too, and « » with them).
_CELL_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# What typed text must not do in Markdown: emphasis, links, code, HTML, a table's edge, an
# entity; a heading at the start of a line. A typed « - » or « * » bullet stays a bullet.
_MARKUP = re.compile(r"([\\`*_\[\]<>|])|&(?=#?\w+;)")


def _escape_line(line: str) -> str:
    start = line[:2] if bullet_text(line) is not None else ""
    rest = _MARKUP.sub(lambda m: "\\" + m.group(), line[len(start) :])
    return start + ("\\" + rest if rest.startswith("#") and not start else rest)


def escaped(text: str) -> str:
    """Text as typed, shown as typed by any Markdown reader (the preview included)."""
    return "\n".join(_escape_line(line) for line in text.split("\n"))


def _cell(text: str) -> str:
    return _CELL_SPACES.sub(" ", text).strip(" ") or " "


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _h in header) + "|")
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _paragraphs(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        bullet = bullet_text(line)
        out += [f"- {bullet}"] if bullet is not None else [line, ""]
    return [*out, ""]


def _anchor(title: str) -> str:
    keep = "".join(c for c in title.lower() if c.isalnum() or c in " -")
    return "-".join(keep.split())


def _participation(snapshot: SynthesisSnapshot) -> list[str]:
    part = snapshot.participation
    assert part is not None
    out = [part.summary, ""]
    for title, rows in ((BY_TYPE, part.by_type), (BY_GENDER, part.by_gender)):
        values = [[row.label, *count_values(row)] for row in rows]
        values.append([f"**{label(TOTAL)}**", *count_values(part.total)])
        out += [f"### {label(title)}", "", *_table(["", *count_columns(snapshot)], values)]
    return out


def _agenda(snapshot: SynthesisSnapshot) -> list[str]:
    out: list[str] = []
    noted = []
    for day in snapshot.agenda:
        out += [f"### {day.label}", "", day.summary, ""]
        rows = []
        for row in day.rows:
            title = f"**{row.title}**" if row.level == 0 else f"↳ {row.title}"
            rows.append(
                [
                    time_range(row.planned_start, row.planned_end),
                    time_range(row.actual_start, row.actual_end),
                    row.delay_label,
                    title,
                ]
            )
            if row.notes:
                noted.append((day.label, row))
        out += _table([label(PLANNED), label(AS_RUN), label(DELAY), label(ITEM)], rows)
    if noted:
        out += [f"### {label(NOTES_ON_ITEMS)}", ""]
        several = len(snapshot.agenda) > 1
        for day_label, row in noted:
            when = f"{day_label}, {hhmm(row.planned_start)}" if several else hhmm(row.planned_start)
            out += [f"#### {when} — {row.title}", "", *_paragraphs(row.notes)]
    return out


def _groups(snapshot: SynthesisSnapshot) -> list[str]:
    out: list[str] = []
    for group in snapshot.groups:
        out += [f"### {group.name}", ""]
        for name, value in (
            (ROUND, group.round_name),
            (THEME, group.theme),
            (ROOM, group.room),
            (MODERATOR, group.moderator),
            (RAPPORTEUR, group.rapporteur),
            (MEMBERS, str(len(group.members)) if group.members else ""),
        ):
            if value:
                out.append(f"- **{label(name)}** {value}")
        out.append("")
        if group.members:
            rows = [
                [str(n), m.name, m.organisation, m.category]
                for n, m in enumerate(group.members, start=1)
            ]
            out += _table([label(NUMBER), label(NAME), label(ORGANISATION), label(CATEGORY)], rows)
    return out


def _restitutions(snapshot: SynthesisSnapshot) -> list[str]:
    out: list[str] = []
    for entry in snapshot.restitutions:
        title = f"{entry.group_name} — {entry.theme}" if entry.theme else entry.group_name
        out += [f"### {title}", ""]
        if entry.rapporteur:
            out += [f"**{label(RAPPORTEUR)}** {entry.rapporteur}", ""]
        out += _paragraphs(entry.notes)
        for block in entry.blocks:
            out += [f"#### {block.heading}", ""]
            for line in block.lines:
                out.append(f"- {line.text}" + (f" _({line.details})_" if line.details else ""))
            out.append("")
    return out


def _recommendation_table(rows: Sequence[RecommendationRow]) -> list[str]:
    votes = has_votes(tuple(rows))
    return _table(recommendation_columns(votes), [recommendation_values(r, votes) for r in rows])


def _recommendations(snapshot: SynthesisSnapshot) -> list[str]:
    kept = [row for row in snapshot.recommendations if row.kept]
    set_aside = [row for row in snapshot.recommendations if not row.kept]
    out = _recommendation_table(kept) if kept else []
    if set_aside:
        out += [f"### {label(NOT_RETAINED)}", "", *_recommendation_table(set_aside)]
    return out


def _annexes(snapshot: SynthesisSnapshot) -> list[str]:
    rows = []
    for person in snapshot.participants:
        values = [
            str(person.number),
            person_name(person),
            organisation_and_function(person),
            person.category,
        ]
        if snapshot.include_contacts:
            values += [person.phone, person.email]
        rows.append(values + [hhmm(a) for a in person.arrivals])
    return _table(participant_columns(snapshot), rows)


def _context(snapshot: SynthesisSnapshot) -> list[str]:
    out: list[str] = []
    for block in snapshot.context:
        out += [f"### {block.heading}", "", *_paragraphs(block.paragraphs)]
    return out


_BUILDERS = {
    "context": _context,
    "participation": _participation,
    "agenda": _agenda,
    "groups": _groups,
    "restitutions": _restitutions,
    "recommendations": _recommendations,
    "annexes": _annexes,
}


def synthesis_markdown(snapshot: SynthesisSnapshot) -> str:
    """The whole report as Markdown text."""
    snapshot = map_text_fields(snapshot, escaped)
    with speaking(snapshot.language):
        lines = [f"# {snapshot.workshop_title}", ""]
        cover = snapshot.cover
        if cover is not None:
            lines += [f"**{cover.subtitle}**", ""]
            lines += [f"{part}  " for part in (cover.dates_label, cover.venue) if part]
            lines += [
                "",
                *(f"{line}  " for line in cover.organisers),
                "",
                f"_{cover.prepared_label}_",
                "",
            ]
        body = snapshot.body_sections
        if len(body) > 1:
            lines += [f"## {label(CONTENTS)}", ""]
            lines += [f"- [{s.title}](#{_anchor(s.title)})" for s in body]
            lines.append("")
        for section in body:
            lines += [f"## {section.title}", "", *_BUILDERS[section.key](snapshot)]
        return "\n".join(lines).rstrip() + "\n"


def write_synthesis_md(
    snapshot: SynthesisSnapshot, path: Path, progress: Progress | None = None
) -> None:
    """The report as a UTF-8 Markdown file, written to `path` only once complete."""
    text = synthesis_markdown(snapshot)
    with replaced_when_done(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    if progress is not None:
        progress(1, 1)
