"""Operations on workshops: create, find, list, edit, duplicate, delete, and participant types."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from facilitator.core.badges import new_token
from facilitator.core.text import APOSTROPHES, fold, too_long
from facilitator.i18n import N_, _
from facilitator.store.models import (
    AgendaItem,
    CheckIn,
    Organisation,
    Participant,
    ParticipantType,
    Workshop,
    WorkshopDay,
)
from facilitator.store.timeutil import zone

# The participant types the concept notes list; their names are translated when a workshop is made.
DEFAULT_TYPES: tuple[tuple[str, str, str], ...] = (
    ("ministry", N_("Ministries"), "#1F4E9C"),
    ("embassy", N_("Embassies"), "#7B3FA0"),
    ("international", N_("International organisations"), "#0F8C8C"),
    ("civil_society", N_("Civil society"), "#2E8B3A"),
    ("private_sector", N_("Private sector"), "#C26A00"),
    ("media", N_("Media"), "#B8326E"),
    ("migrant", N_("Circular migrants"), "#8A6D1F"),
)

EDITABLE_FIELDS = (
    "title",
    "venue",
    "city",
    "organisers",
    "context",
    "objectives",
    "expected_results",
    "timezone",
)


class WorkshopNotFound(LookupError):
    """No workshop has that id or slug."""


class WorkshopInvalid(ValueError):
    """A workshop's details are not acceptable; the message says which and why."""


@dataclass(frozen=True)
class WorkshopSummary:
    """One workshop as lists show it."""

    id: int
    slug: str
    title: str
    start_date: dt.date
    end_date: dt.date
    venue: str
    city: str
    registered: int
    present: int


@dataclass(frozen=True)
class TypeInfo:
    """A participant type as screens edit it (id None for a new one)."""

    id: int | None
    key: str
    name: str
    colour: str


@dataclass
class WorkshopDetails:
    """Everything the workshop form edits."""

    title: str
    start_date: dt.date
    end_date: dt.date
    venue: str = ""
    city: str = ""
    organisers: str = ""
    context: str = ""
    objectives: str = ""
    expected_results: str = ""
    timezone: str = "Africa/Dakar"
    types: list[TypeInfo] = field(default_factory=list)


def slugify(text: str) -> str:
    """A URL- and shell-friendly name for a title."""
    # An apostrophe separates words in a title (« d'évaluation »), unlike in a name (N'DIAYE).
    spaced = "".join(" " if char in APOSTROPHES else char for char in text)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(spaced)).strip("-")
    return slug[:60].rstrip("-") or "atelier"


def _unique_slug(session: Session, base: str, exclude_id: int | None = None) -> str:
    taken = set(session.scalars(select(Workshop.slug).where(Workshop.id != (exclude_id or -1))))
    slug, n = base, 2
    while slug in taken or slug.isdigit():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _limit(column: object) -> int:
    length = getattr(getattr(column, "type", None), "length", None)
    assert isinstance(length, int)
    return length


# Labels and lengths of the bounded texts of the form (PostgreSQL refuses longer ones).
_BOUNDED = (
    ("title", N_("Title"), _limit(Workshop.__table__.c.title)),
    ("venue", N_("Venue"), _limit(Workshop.__table__.c.venue)),
    ("city", N_("City"), _limit(Workshop.__table__.c.city)),
)
TYPE_NAME_LIMIT = _limit(ParticipantType.__table__.c.name)


def _validate(details: WorkshopDetails) -> None:
    if not details.title.strip():
        raise WorkshopInvalid(_("A workshop needs a title."))
    for name, label, limit in _BOUNDED:
        problem = too_long(_(label), getattr(details, name).strip(), limit)
        if problem:
            raise WorkshopInvalid(problem)
    if details.end_date < details.start_date:
        raise WorkshopInvalid(
            _("The last day ({end}) is before the first day ({start}).").format(
                end=details.end_date.isoformat(), start=details.start_date.isoformat()
            )
        )
    if (details.end_date - details.start_date).days > 60:
        raise WorkshopInvalid(_("A workshop cannot last more than 60 days."))
    names = [t.name.strip().casefold() for t in details.types]
    if any(not n for n in names):
        raise WorkshopInvalid(_("Every participant type needs a name."))
    if len(set(names)) != len(names):
        raise WorkshopInvalid(_("Two participant types have the same name."))
    for t in details.types:
        problem = too_long(_("Participant type"), t.name.strip(), TYPE_NAME_LIMIT)
        if problem:
            raise WorkshopInvalid(problem)
    for t in details.types:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", t.colour):
            raise WorkshopInvalid(
                _("The colour « {colour} » of « {name} » is not a colour like #1F4E9C.").format(
                    colour=t.colour, name=t.name
                )
            )


def _sync_days(session: Session, workshop: Workshop) -> None:
    wanted = {
        workshop.start_date + dt.timedelta(days=i)
        for i in range((workshop.end_date - workshop.start_date).days + 1)
    }
    for day in list(workshop.days):
        if day.date not in wanted:
            workshop.days.remove(day)
    existing = {day.date for day in workshop.days}
    for date in sorted(wanted - existing):
        workshop.days.append(WorkshopDay(date=date))


def default_types() -> list[TypeInfo]:
    """The seven participant types of the concept notes, named in the current language."""
    return [TypeInfo(None, key, _(name), colour) for key, name, colour in DEFAULT_TYPES]


def create_workshop(
    session: Session, details: WorkshopDetails, slug: str | None = None
) -> Workshop:
    """Add a workshop with its days and participant types (the defaults when none are given)."""
    if not details.types:
        details.types = default_types()
    _validate(details)
    workshop = Workshop(
        slug=_unique_slug(session, slugify(slug or details.title)),
        start_date=details.start_date,
        end_date=details.end_date,
        **{name: getattr(details, name).strip() for name in EDITABLE_FIELDS},
    )
    session.add(workshop)
    _sync_days(session, workshop)
    _apply_types(workshop, details.types)
    session.flush()
    return workshop


def update_workshop(session: Session, workshop_id: int, details: WorkshopDetails) -> Workshop:
    """Save the workshop form: details, dates (days follow) and participant types."""
    _validate(details)
    workshop = get_workshop(session, workshop_id)
    for name in EDITABLE_FIELDS:
        setattr(workshop, name, getattr(details, name).strip())
    shift = details.start_date - workshop.start_date
    if shift:
        # The agenda moves with the workshop: day 1's programme stays day 1's.
        for item in session.scalars(
            select(AgendaItem).where(AgendaItem.workshop_id == workshop_id)
        ):
            item.day += shift
    workshop.start_date, workshop.end_date = details.start_date, details.end_date
    _sync_days(session, workshop)
    _apply_types(workshop, details.types)
    session.flush()
    return workshop


def _apply_types(workshop: Workshop, types: Sequence[TypeInfo]) -> None:
    by_id = {t.id: t for t in workshop.participant_types}
    # Keys of rows that stay, and of rows being removed (their delete is flushed after inserts).
    taken = {t.key for t in workshop.participant_types}
    keep: list[ParticipantType] = []
    for position, info in enumerate(types):
        row = by_id.get(info.id) if info.id is not None else None
        if row is None:
            key = base = info.key or slugify(info.name).replace("-", "_")
            n = 2
            while key in taken:
                key = f"{base}_{n}"
                n += 1
            taken.add(key)
            row = ParticipantType(key=key)
        row.name, row.colour, row.position = info.name.strip(), info.colour, position
        keep.append(row)
    workshop.participant_types[:] = keep


def get_workshop(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise WorkshopNotFound(_("No workshop has the id {id}.").format(id=workshop_id))
    return workshop


def find_workshop(session: Session, ref: str | int) -> Workshop:
    """The workshop a user named by numeric id or slug."""
    text = str(ref).strip()
    if text.isdigit():
        found = session.get(Workshop, int(text))
    else:
        found = session.scalar(select(Workshop).where(Workshop.slug == text)) or session.scalar(
            select(Workshop).where(func.lower(Workshop.slug) == text.lower())
        )
    if found is None:
        raise WorkshopNotFound(
            _("No workshop « {ref} ». « facilitator workshops » lists them.").format(ref=text)
        )
    return found


def details_of(workshop: Workshop) -> WorkshopDetails:
    """The workshop form's content for one workshop."""
    return WorkshopDetails(
        start_date=workshop.start_date,
        end_date=workshop.end_date,
        types=[TypeInfo(t.id, t.key, t.name, t.colour) for t in workshop.participant_types],
        **{name: getattr(workshop, name) for name in EDITABLE_FIELDS},
    )


def day_in_force(workshop: Workshop, today: dt.date | None = None) -> dt.date:
    """The workshop day check-ins count for: today, kept within the workshop's dates.

    « Today » is the workshop's own local date, not the machine's: a laptop set to another time
    zone, or a scan just after midnight UTC, must agree with the desk on which day it is.
    """
    if today is None:
        today = dt.datetime.now(zone(workshop.timezone)).date()
    return min(max(today, workshop.start_date), workshop.end_date)


def list_workshops(session: Session, today: dt.date | None = None) -> list[WorkshopSummary]:
    """Every workshop with its registered and present (on the day in force) counts."""
    registered: dict[int, int] = {
        workshop_id: count
        for workshop_id, count in session.execute(
            select(Participant.workshop_id, func.count()).group_by(Participant.workshop_id)
        )
    }
    result: list[WorkshopSummary] = []
    for w in session.scalars(select(Workshop).order_by(Workshop.start_date.desc(), Workshop.id)):
        day = day_in_force(w, today)
        present = session.scalar(
            select(func.count())
            .select_from(CheckIn)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == w.id, CheckIn.day == day)
        )
        result.append(
            WorkshopSummary(
                w.id,
                w.slug,
                w.title,
                w.start_date,
                w.end_date,
                w.venue,
                w.city,
                registered.get(w.id, 0),
                present or 0,
            )
        )
    return result


def delete_workshop(session: Session, workshop_id: int) -> None:
    """Remove a workshop and everything in it."""
    workshop = get_workshop(session, workshop_id)
    # Bulk deletes first: the ORM would otherwise load every participant to cascade.
    session.execute(delete(Participant).where(Participant.workshop_id == workshop_id))
    session.execute(delete(Organisation).where(Organisation.workshop_id == workshop_id))
    session.execute(delete(AgendaItem).where(AgendaItem.workshop_id == workshop_id))
    session.delete(workshop)
    session.flush()


def duplicate_workshop(session: Session, workshop_id: int, title: str | None = None) -> Workshop:
    """A new workshop with the same details, types, participants (new badges) and agenda.

    Check-ins, groups and restitutions belong to the event that happened and are not copied.
    """
    source = get_workshop(session, workshop_id)
    details = details_of(source)
    details.title = title or _("{title} (copy)").format(title=source.title)
    details.types = [TypeInfo(None, t.key, t.name, t.colour) for t in details.types]
    copy = create_workshop(session, details)
    type_ids = {t.key: t.id for t in copy.participant_types}
    old_type_keys = {t.id: t.key for t in source.participant_types}
    org_ids: dict[int, int] = {}
    for org in session.scalars(select(Organisation).where(Organisation.workshop_id == source.id)):
        new_org = Organisation(workshop_id=copy.id, name=org.name, name_key=org.name_key)
        session.add(new_org)
        session.flush()
        org_ids[org.id] = new_org.id
    for p in session.scalars(select(Participant).where(Participant.workshop_id == source.id)):
        session.add(
            Participant(
                workshop_id=copy.id,
                first_name=p.first_name,
                last_name=p.last_name,
                organisation_id=org_ids.get(p.organisation_id) if p.organisation_id else None,
                function=p.function,
                type_id=type_ids.get(old_type_keys.get(p.type_id, "")) if p.type_id else None,
                gender=p.gender,
                email=p.email,
                phone=p.phone,
                notes=p.notes,
                name_key=p.name_key,
                email_key=p.email_key,
                badge_token=new_token(copy.id),
            )
        )
    _copy_agenda(session, source, copy)
    session.flush()
    return copy


def _copy_agenda(session: Session, source: Workshop, copy: Workshop) -> None:
    shift = copy.start_date - source.start_date
    items = session.scalars(
        select(AgendaItem).where(
            AgendaItem.workshop_id == source.id, AgendaItem.parent_id.is_(None)
        )
    ).all()
    for item in items:
        session.add(_copy_item(item, copy.id, item.day + shift))


def _copy_item(item: AgendaItem, workshop_id: int, day: dt.date) -> AgendaItem:
    return AgendaItem(
        workshop_id=workshop_id,
        day=day,
        position=item.position,
        title=item.title,
        kind=item.kind,
        speakers=item.speakers,
        planned_start=item.planned_start,
        duration_minutes=item.duration_minutes,
        fixed=item.fixed,
        children=[_copy_item(child, workshop_id, day) for child in item.children],
    )
