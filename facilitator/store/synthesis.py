"""The end-of-day synthesis of a workshop as a plain snapshot, read from the models (read-only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.dates import format_date, format_date_range
from facilitator.core.text import fold, french_typography, printable_fields
from facilitator.exports.synthesis_snapshot import (
    SECTIONS,
    AgendaDay,
    AgendaRow,
    CountRow,
    Cover,
    GroupEntry,
    GroupMemberLine,
    ParticipantLine,
    Participation,
    RecommendationRow,
    RestitutionBlock,
    RestitutionEntry,
    RestitutionLine,
    Section,
    SynthesisOptions,
    SynthesisSnapshot,
    TextBlock,
    speaking,
)
from facilitator.i18n import N_, _, ngettext
from facilitator.store.agenda import AgendaEntry, agenda, kind_label
from facilitator.store.attendance import day_label
from facilitator.store.models import (
    AgendaNote,
    CheckIn,
    Group,
    GroupMember,
    GroupRound,
    Organisation,
    Participant,
    Recommendation,
    RecommendationSource,
    Restitution,
    RestitutionItem,
    Workshop,
)
from facilitator.store.timeutil import to_local
from facilitator.store.workshops import get_workshop

SECTION_TITLES: dict[str, str] = {
    "cover": N_("Cover"),
    "context": N_("Context, objectives and expected results"),
    "participation": N_("Participation"),
    "agenda": N_("Agenda as planned and as run"),
    "groups": N_("Breakout groups"),
    "restitutions": N_("Group report-backs"),
    "recommendations": N_("Consolidated recommendations"),
    "annexes": N_("Annex: list of participants"),
}
ITEM_KINDS: dict[str, str] = {
    "challenge": N_("Challenges"),
    "opportunity": N_("Opportunities"),
    "good_practice": N_("Good practices"),
    "recommendation": N_("Recommendations"),
}
REC_TYPES: dict[str, str] = {"policy": N_("Policy"), "operational": N_("Operational")}
HORIZONS: dict[str, str] = {
    "under_1_year": N_("Under 1 year"),
    "1_to_2_years": N_("1 to 2 years"),
    "2_to_5_years": N_("2 to 5 years"),
    "over_5_years": N_("Over 5 years"),
}


def _label(names: dict[str, str], key: str | None) -> str:
    """A stored key's name in the current language; an unknown key as written."""
    if not key:
        return ""
    name = names.get(key)
    return _(name) if name else key.replace("_", " ")


class _Typography:
    """French typography applied to every text field of a French report, none in English."""

    def __init__(self, language: str) -> None:
        self.french = language == "fr"

    def __call__(self, text: str | None) -> str:
        text = (text or "").strip()
        return french_typography(text) if self.french else text

    def paragraphs(self, text: str | None) -> tuple[str, ...]:
        return tuple(self(line) for line in (text or "").splitlines() if line.strip())


def _days(workshop: Workshop) -> list[dt.date]:
    count = (workshop.end_date - workshop.start_date).days + 1
    return [workshop.start_date + dt.timedelta(days=offset) for offset in range(count)]


def synthesis_snapshot(
    session: Session, workshop_id: int, options: SynthesisOptions | None = None
) -> SynthesisSnapshot:
    """Everything the report prints, worded in `options.language`; empty sections left out."""
    options = options or SynthesisOptions()
    with speaking(options.language):
        # Text is stored as typed; a control character pasted into a note must not break a file.
        return printable_fields(_snapshot(session, get_workshop(session, workshop_id), options))


def _snapshot(session: Session, workshop: Workshop, options: SynthesisOptions) -> SynthesisSnapshot:
    text = _Typography(options.language)
    chosen = options.sections
    days = _days(workshop)
    venue = ", ".join(part.strip() for part in (workshop.venue, workshop.city) if part.strip())
    dates = format_date_range(workshop.start_date, workshop.end_date)
    people = _participants(session, workshop, days, options.include_contacts, text)
    cover = (
        Cover(
            title=text(workshop.title),
            subtitle=_("Synthesis report"),
            dates_label=dates,
            venue=text(venue),
            organisers=text.paragraphs(workshop.organisers),
            prepared_label=text(
                _("Report prepared on {date}").format(date=format_date(dt.date.today()))
            ),
        )
        if "cover" in chosen
        else None
    )
    context = _context(workshop, text) if "context" in chosen else ()
    participation = _participation(workshop, days, people) if "participation" in chosen else None
    agenda_days = _agenda(session, workshop, text) if "agenda" in chosen else ()
    groups = _groups(session, workshop, text) if chosen & {"groups", "restitutions"} else ()
    restitutions = _restitutions(session, workshop, text) if "restitutions" in chosen else ()
    recommendations = (
        _recommendations(session, workshop, text) if "recommendations" in chosen else ()
    )
    present: dict[str, bool] = {
        "cover": cover is not None,
        "context": bool(context),
        "participation": participation is not None and participation.total.registered > 0,
        "agenda": bool(agenda_days),
        "groups": "groups" in chosen and bool(groups),
        "restitutions": bool(restitutions),
        "recommendations": bool(recommendations),
        "annexes": "annexes" in chosen and bool(people),
    }
    sections: list[Section] = []
    for key in SECTIONS:
        if not present[key]:
            continue
        if key == "cover":
            sections.append(Section(key, _(SECTION_TITLES[key])))
        else:
            number = sum(1 for s in sections if s.key != "cover") + 1
            sections.append(Section(key, f"{number}. {text(_(SECTION_TITLES[key]))}"))
    return SynthesisSnapshot(
        options=options,
        workshop_title=text(workshop.title),
        dates_label=dates,
        venue=text(venue),
        sections=tuple(sections),
        cover=cover,
        context=context,
        participation=participation if present["participation"] else None,
        agenda=agenda_days,
        groups=groups if present["groups"] else (),
        restitutions=restitutions,
        recommendations=recommendations,
        day_labels=tuple(day_label(day) for day in days),
        short_day_labels=tuple(format_date(day, with_year=False) for day in days),
        participants=people if present["annexes"] or present["participation"] else (),
    )


def _context(workshop: Workshop, text: _Typography) -> tuple[TextBlock, ...]:
    blocks = (
        (N_("Context"), workshop.context),
        (N_("Objectives"), workshop.objectives),
        (N_("Expected results"), workshop.expected_results),
    )
    return tuple(
        TextBlock(text(_(heading)), text.paragraphs(body))
        for heading, body in blocks
        if body.strip()
    )


def _participants(
    session: Session,
    workshop: Workshop,
    days: Sequence[dt.date],
    contacts: bool,
    text: _Typography,
) -> tuple[ParticipantLine, ...]:
    """Everyone registered, in French name order, with their arrival time on each day."""
    types = {t.id: t.name for t in workshop.participant_types}
    orgs: dict[int, str] = {
        key: value
        for key, value in session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.workshop_id == workshop.id
            )
        )
    }
    arrivals: dict[tuple[int, dt.date], dt.datetime] = {
        (pid, day): to_local(at, workshop.timezone)
        for pid, day, at in session.execute(
            select(CheckIn.participant_id, CheckIn.day, CheckIn.checked_in_at)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == workshop.id)
        ).tuples()
    }
    rows = list(session.scalars(select(Participant).where(Participant.workshop_id == workshop.id)))
    rows.sort(key=lambda p: (fold(p.last_name), fold(p.first_name), p.last_name, p.id))
    return tuple(
        ParticipantLine(
            number=number,
            last_name=text(p.last_name),
            first_name=text(p.first_name),
            organisation=text(orgs.get(p.organisation_id, "") if p.organisation_id else ""),
            function=text(p.function),
            category=text(types.get(p.type_id, "") if p.type_id else ""),
            gender=p.gender or "",
            phone=p.phone.strip() if contacts else "",
            email=p.email.strip() if contacts else "",
            arrivals=tuple(arrivals.get((p.id, day)) for day in days),
        )
        for number, p in enumerate(rows, start=1)
    )


def _count_rows(
    labels: Sequence[tuple[object, str]],
    people: Sequence[ParticipantLine],
    key_of: Mapping[int, object],
    day_count: int,
) -> tuple[CountRow, ...]:
    registered: dict[object, int] = defaultdict(int)
    present: dict[object, list[int]] = defaultdict(lambda: [0] * day_count)
    present_any: dict[object, int] = defaultdict(int)
    for person in people:
        key = key_of[person.number]
        registered[key] += 1
        for index, arrival in enumerate(person.arrivals):
            if arrival is not None:
                present[key][index] += 1
        if any(arrival is not None for arrival in person.arrivals):
            present_any[key] += 1
    return tuple(
        CountRow(label, registered[key], tuple(present[key]), present_any[key])
        for key, label in labels
        if registered[key]
    )


def _participation(
    workshop: Workshop, days: Sequence[dt.date], people: Sequence[ParticipantLine]
) -> Participation:
    """Registered and present by participant type and by gender, on each day."""
    names = [t.name for t in workshop.participant_types]
    type_labels: list[tuple[object, str]] = [(name, name) for name in names]
    type_labels.append(("", _("No type")))
    type_of = {p.number: p.category if p.category in names else "" for p in people}
    by_type = _count_rows(type_labels, people, type_of, len(days))
    gender_labels: list[tuple[object, str]] = [
        ("F", _("Women")),
        ("M", _("Men")),
        ("", _("Gender not specified")),
    ]
    by_gender = _count_rows(gender_labels, people, {p.number: p.gender for p in people}, len(days))
    total = _count_rows([(0, _("Total"))], people, {p.number: 0 for p in people}, len(days))
    total_row = total[0] if total else CountRow(_("Total"), 0, (0,) * len(days), 0)
    women = sum(row.present_any for row in by_gender if row.label == _("Women"))
    men = sum(row.present_any for row in by_gender if row.label == _("Men"))
    parts = [
        ngettext("{n} registered", "{n} registered", total_row.registered).format(
            n=total_row.registered
        ),
        ngettext("{n} present", "{n} present", total_row.present_any).format(
            n=total_row.present_any
        ),
        ngettext("{n} woman", "{n} women", women).format(n=women),
        ngettext("{n} man", "{n} men", men).format(n=men),
    ]
    return Participation(
        day_labels=tuple(day_label(day) for day in days),
        short_day_labels=tuple(format_date(day, with_year=False) for day in days),
        by_type=by_type,
        by_gender=by_gender,
        total=total_row,
        summary=" · ".join(parts),
    )


def _hhmm(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M") if moment is not None else "—"


def _delay_label(minutes: int | None) -> str:
    if minutes is None:
        return ""
    if minutes == 0:
        return _("on time")
    # A no-break space: « +25 » and « min » never part at a narrow column's edge.
    if minutes > 0:
        return _("+{n} min").format(n=minutes).replace(" ", "\u00a0")
    return _("−{n} min").format(n=-minutes).replace(" ", "\u00a0")


def _agenda(session: Session, workshop: Workshop, text: _Typography) -> tuple[AgendaDay, ...]:
    """Each day's items and sub-items, planned and actual times, and the notes taken on them."""
    entries = agenda(session, workshop.id)
    notes: dict[int, str] = {
        key: value
        for key, value in session.execute(
            select(AgendaNote.agenda_item_id, AgendaNote.text).where(
                AgendaNote.agenda_item_id.in_(_ids(entries))
            )
        )
    }

    def row(entry: AgendaEntry, level: int) -> AgendaRow:
        return AgendaRow(
            level=level,
            title=text(entry.title),
            kind=text(kind_label(entry.kind)),
            speakers=text(entry.speakers),
            planned_start=entry.planned_start,
            planned_end=entry.planned_end,
            actual_start=entry.actual_start,
            actual_end=entry.actual_end,
            delay_minutes=entry.delay_minutes,
            delay_label=text(_delay_label(entry.delay_minutes)),
            notes=text.paragraphs(notes.get(entry.id, "")),
        )

    by_day: dict[dt.date, list[AgendaRow]] = defaultdict(list)
    tops: dict[dt.date, list[AgendaEntry]] = defaultdict(list)
    for entry in entries:
        tops[entry.day].append(entry)
        by_day[entry.day].append(row(entry, 0))
        by_day[entry.day].extend(row(child, 1) for child in entry.children)
    days = []
    for day in sorted(by_day):
        first, last = tops[day][0], tops[day][-1]
        summary = _("Planned {start}–{end}; as run {actual_start}–{actual_end}.").format(
            start=_hhmm(first.planned_start),
            end=_hhmm(last.planned_end),
            actual_start=_hhmm(first.actual_start),
            actual_end=_hhmm(last.actual_end),
        )
        days.append(AgendaDay(day_label(day), tuple(by_day[day]), text(summary)))
    return tuple(days)


def _ids(entries: Iterable[AgendaEntry]) -> list[int]:
    found: list[int] = []
    for entry in entries:
        found.append(entry.id)
        found.extend(_ids(entry.children))
    return found


def _group_rows(session: Session, workshop: Workshop) -> list[tuple[GroupRound, Group]]:
    return [
        (round_row, group)
        for round_row, group in session.execute(
            select(GroupRound, Group)
            .join(Group, Group.round_id == GroupRound.id)
            .where(GroupRound.workshop_id == workshop.id)
            .order_by(GroupRound.position, GroupRound.id, Group.position, Group.id)
        ).tuples()
    ]


def _display_name(person: Participant | None) -> str:
    """« Awa NDIAYE »: first name, then the surname in capitals, as on a report's lists."""
    if person is None:
        return ""
    return " ".join(part for part in (person.first_name, person.last_name.upper()) if part)


def _groups(session: Session, workshop: Workshop, text: _Typography) -> tuple[GroupEntry, ...]:
    """Every round's groups with theme, room, moderator, rapporteur and members by name."""
    pairs = _group_rows(session, workshop)
    if not pairs:
        return ()
    types = {t.id: t.name for t in workshop.participant_types}
    orgs: dict[int, str] = {
        key: value
        for key, value in session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.workshop_id == workshop.id
            )
        )
    }
    people = {
        p.id: p
        for p in session.scalars(select(Participant).where(Participant.workshop_id == workshop.id))
    }
    members: dict[int, list[Participant]] = defaultdict(list)
    for group_id, participant_id in session.execute(
        select(GroupMember.group_id, GroupMember.participant_id).where(
            GroupMember.group_id.in_([group.id for _round, group in pairs])
        )
    ).tuples():
        if participant_id in people:
            members[group_id].append(people[participant_id])
    several_rounds = len({round_row.id for round_row, _group in pairs}) > 1
    entries = []
    for round_row, group in pairs:
        ordered = sorted(members[group.id], key=lambda p: (fold(p.last_name), fold(p.first_name)))
        entries.append(
            GroupEntry(
                round_name=text(round_row.name) if several_rounds else "",
                name=text(group.name),
                theme=text(group.theme),
                room=text(group.room),
                moderator=text(_display_name(people.get(group.moderator_id or 0))),
                rapporteur=text(_display_name(people.get(group.rapporteur_id or 0))),
                members=tuple(
                    GroupMemberLine(
                        name=text(_display_name(p)),
                        organisation=text(orgs.get(p.organisation_id or 0, "")),
                        category=text(types.get(p.type_id or 0, "")),
                    )
                    for p in ordered
                ),
            )
        )
    return tuple(entries)


def _item_details(item: RestitutionItem) -> str:
    """« Politique · MAESE · 2 à 5 ans · priorité 1 » for a recommendation, "" otherwise."""
    parts = [
        _label(REC_TYPES, item.rec_type),
        item.actor.strip(),
        _label(HORIZONS, item.horizon),
        _("priority {n}").format(n=item.priority) if item.priority is not None else "",
    ]
    return " · ".join(part for part in parts if part)


def _restitutions(
    session: Session, workshop: Workshop, text: _Typography
) -> tuple[RestitutionEntry, ...]:
    """What each group reported, item by item under its kind, in the groups' order."""
    pairs = _group_rows(session, workshop)
    ids = [group.id for _round, group in pairs]
    reports = {
        r.group_id: r
        for r in session.scalars(select(Restitution).where(Restitution.group_id.in_(ids)))
    }
    items: dict[int, list[RestitutionItem]] = defaultdict(list)
    for item in session.scalars(
        select(RestitutionItem)
        .where(RestitutionItem.group_id.in_(ids))
        .order_by(RestitutionItem.position, RestitutionItem.id)
    ):
        if item.text.strip():
            items[item.group_id].append(item)
    people = {
        p.id: p
        for p in session.scalars(select(Participant).where(Participant.workshop_id == workshop.id))
    }
    entries = []
    for _round, group in pairs:
        report = reports.get(group.id)
        if not items[group.id] and (report is None or not report.notes.strip()):
            continue
        kinds = list(ITEM_KINDS) + sorted({i.kind for i in items[group.id]} - set(ITEM_KINDS))
        blocks = tuple(
            RestitutionBlock(
                kind=kind,
                heading=text(_label(ITEM_KINDS, kind)),
                lines=tuple(
                    RestitutionLine(text(i.text), text(_item_details(i)))
                    for i in items[group.id]
                    if i.kind == kind
                ),
            )
            for kind in kinds
            if any(i.kind == kind for i in items[group.id])
        )
        rapporteur = (report.rapporteur.strip() if report else "") or _display_name(
            people.get(group.rapporteur_id or 0)
        )
        entries.append(
            RestitutionEntry(
                group_name=text(group.name),
                theme=text(group.theme),
                rapporteur=text(rapporteur),
                notes=text.paragraphs(report.notes if report else ""),
                blocks=blocks,
            )
        )
    return tuple(entries)


def _recommendations(
    session: Session, workshop: Workshop, text: _Typography
) -> tuple[RecommendationRow, ...]:
    """Retained recommendations numbered first, in their order, then those set aside."""
    rows = list(
        session.scalars(
            select(Recommendation)
            .where(Recommendation.workshop_id == workshop.id)
            .order_by(Recommendation.position, Recommendation.id)
        )
    )
    rows = [r for r in rows if r.text.strip()]
    rows.sort(key=lambda r: not r.kept)  # stable: each part keeps its order
    order = {
        group.id: index for index, (_round, group) in enumerate(_group_rows(session, workshop))
    }
    names = {group.id: group.name for _round, group in _group_rows(session, workshop)}
    sources: dict[int, set[int]] = defaultdict(set)
    for rec_id, group_id in session.execute(
        select(RecommendationSource.recommendation_id, RecommendationSource.group_id).where(
            RecommendationSource.recommendation_id.in_([r.id for r in rows])
        )
    ).tuples():
        if group_id in names:
            sources[rec_id].add(group_id)
    return tuple(
        RecommendationRow(
            number=number,
            text=text(r.text),
            type_label=text(_label(REC_TYPES, r.rec_type)),
            actor=text(r.actor),
            horizon_label=text(_label(HORIZONS, r.horizon)),
            priority=r.priority,
            votes=r.votes,
            groups=tuple(text(names[g]) for g in sorted(sources[r.id], key=order.__getitem__)),
            kept=r.kept,
        )
        for number, r in enumerate(rows, start=1)
    )
