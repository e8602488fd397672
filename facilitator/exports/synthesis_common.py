"""What every format of the synthesis shares: fixed wording, column titles, times, file names."""

from __future__ import annotations

import datetime as dt

from facilitator.exports.synthesis_snapshot import (
    CountRow,
    ParticipantLine,
    RecommendationRow,
    SynthesisSnapshot,
    french_spacing,
)
from facilitator.i18n import N_, _, current_language

FORMATS = (".pdf", ".docx", ".xlsx", ".md")

# Fixed wording, translated where shown.
REPORT = N_("Synthesis report")
CONTENTS = N_("Contents")
BY_TYPE = N_("By participant type")
BY_GENDER = N_("By gender")
CHART = N_("Registered and present by participant type")
REGISTERED = N_("Registered")
PRESENT = N_("Number present")
ARRIVAL = N_("Arrival")
PRESENT_ANY = N_("Present at least one day")
RATE = N_("Rate")
PLANNED = N_("Planned")
AS_RUN = N_("As run")
DELAY = N_("Delay")
ITEM = N_("Agenda item")
NOTES_ON_ITEMS = N_("Notes taken during the sessions")
THEME = N_("Theme:")
ROOM = N_("Room:")
MODERATOR = N_("Moderator:")
RAPPORTEUR = N_("Rapporteur:")
MEMBERS = N_("Members:")
ROUND = N_("Round:")
NUMBER = N_("No.")
NAME = N_("Name")
LAST_NAME = N_("Last name")
FIRST_NAME = N_("First name")
ORGANISATION = N_("Organisation")
FUNCTION = N_("Function")
CATEGORY = N_("Type")
GENDER = N_("Gender")
PHONE = N_("Phone")
EMAIL = N_("E-mail")
RECOMMENDATION = N_("Recommendation")
ACTOR = N_("Actor responsible")
HORIZON = N_("Horizon")
PRIORITY = N_("Priority")
VOTES = N_("Votes")
PROPOSED_BY = N_("Proposed by")
NOT_RETAINED = N_("Proposals not retained")
DAY = N_("Day")
SPEAKERS = N_("Speakers")
TOTAL = N_("Total")
ABSENT = "—"


def label(message: str) -> str:
    """A fixed message in the language in force, with French spacing in a French report."""
    text = _(message)
    return french_spacing(text) if current_language() == "fr" else text


def hhmm(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M") if moment is not None else ABSENT


def time_range(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """« 08:30–09:00 »; « 08:05– » for an item started and not ended; « — » if never run."""
    if start is None:
        return ABSENT
    return f"{hhmm(start)}–{hhmm(end) if end is not None else ''}"


def rate(present: int, registered: int) -> str:
    """« 87 % » with the space French puts before the sign, non-breaking."""
    if not registered:
        return ABSENT
    return f"{round(100 * present / registered)}\u00a0%"


def count_columns(snapshot: SynthesisSnapshot) -> list[str]:
    """Column titles of a participation table: one « Present » column per day."""
    assert snapshot.participation is not None
    days = snapshot.participation.short_day_labels
    columns = [label(REGISTERED)]
    if len(days) == 1:
        columns.append(label(PRESENT))
    else:
        columns += [f"{label(PRESENT)} {day}" for day in days] + [label(PRESENT_ANY)]
    return [*columns, label(RATE)]


def count_values(row: CountRow) -> list[str]:
    values = [str(row.registered), *(str(n) for n in row.present)]
    if len(row.present) > 1:
        values.append(str(row.present_any))
    return [*values, rate(row.present_any, row.registered)]


def recommendation_columns(with_votes: bool) -> list[str]:
    columns = [NUMBER, RECOMMENDATION, CATEGORY, ACTOR, HORIZON, PRIORITY]
    if with_votes:
        columns.append(VOTES)
    return [label(c) for c in [*columns, PROPOSED_BY]]


def recommendation_values(row: RecommendationRow, with_votes: bool) -> list[str]:
    values = [
        str(row.number),
        row.text,
        row.type_label,
        row.actor,
        row.horizon_label,
        str(row.priority) if row.priority is not None else "",
    ]
    if with_votes:
        values.append(str(row.votes))
    return [*values, ", ".join(row.groups)]


def has_votes(rows: tuple[RecommendationRow, ...]) -> bool:
    return any(row.votes for row in rows)


def participant_columns(snapshot: SynthesisSnapshot) -> list[str]:
    """The annex's columns: contacts only when the organiser chose to include them."""
    columns = [label(NUMBER), label(NAME), label(ORGANISATION), label(CATEGORY)]
    if snapshot.include_contacts:
        columns += [label(PHONE), label(EMAIL)]
    return columns + day_columns(snapshot)


def day_columns(snapshot: SynthesisSnapshot) -> list[str]:
    if len(snapshot.short_day_labels) == 1:
        return [label(ARRIVAL)]
    return list(snapshot.short_day_labels)


def person_name(person: ParticipantLine) -> str:
    """« NDIAYE Awa »: lists of people are read surname first, in capitals."""
    return " ".join(part for part in (person.last_name.upper(), person.first_name) if part)


def organisation_and_function(person: ParticipantLine) -> str:
    return ", ".join(part for part in (person.organisation, person.function) if part)


def bullet_text(line: str) -> str | None:
    """The text of a line typed as a bullet (« - », « • », « – » or « * », then a space);
    None for any other line."""
    return line[2:].strip() if line[:1] in "-•–*" and line[1:2].isspace() else None
