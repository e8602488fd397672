"""Operations on participants: list, add, edit, delete with undo, and their organisations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from facilitator.core.badges import new_token
from facilitator.core.participant_columns import FIELD_LABELS
from facilitator.core.text import email_key, fold, name_key, printable, search_text, too_long
from facilitator.i18n import _
from facilitator.store.models import (
    Base,
    CheckIn,
    Group,
    GroupMember,
    GroupRound,
    KeepApart,
    Organisation,
    Participant,
    ParticipantType,
    Workshop,
)
from facilitator.store.timeutil import to_local
from facilitator.store.workshops import day_in_force, get_workshop

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def column_length(column: Any) -> int:
    """How many characters a String column holds."""
    length = column.type.length
    assert isinstance(length, int)
    return length


# What each bounded field of a participant holds at most: SQLite would keep a longer value,
# PostgreSQL refuses it, so every form and import checks these first (DESIGN.md).
FIELD_LIMITS: dict[str, int] = {
    "first_name": column_length(Participant.__table__.c.first_name),
    "last_name": column_length(Participant.__table__.c.last_name),
    "organisation": column_length(Organisation.__table__.c.name),
    "function": column_length(Participant.__table__.c.function),
    "email": column_length(Participant.__table__.c.email),
    "phone": column_length(Participant.__table__.c.phone),
}
_NAME_KEY_LIMIT = column_length(Participant.__table__.c.name_key)
_ORGANISATION_KEY_LIMIT = column_length(Organisation.__table__.c.name_key)


def stored_name_key(first_name: str, last_name: str) -> str:
    """A name's identity (core.text.name_key) as its column holds it."""
    return name_key(first_name, last_name)[:_NAME_KEY_LIMIT]


def length_problem(field: str, value: str) -> str | None:
    """Why `value` does not fit the participant field `field`, naming it and its limit."""
    limit = FIELD_LIMITS.get(field)
    return None if limit is None else too_long(_(FIELD_LABELS[field]), value, limit)


class ParticipantInvalid(ValueError):
    """A participant's details are not acceptable; the message says which and why."""


@dataclass(frozen=True)
class ParticipantView:
    """One participant as tables, the command line and exports see it."""

    id: int
    first_name: str
    last_name: str
    organisation: str
    function: str
    type_id: int | None
    category: str
    category_colour: str
    gender: str | None
    email: str
    phone: str
    notes: str
    badge: str
    checked_in_at: dt.datetime | None  # local, with its offset
    desk: str
    search: str  # folded text that search-as-you-type matches against

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def to_json(self) -> dict[str, object]:
        """The shape CONTRACT.md promises for `participants --json`."""
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "organisation": self.organisation,
            "function": self.function,
            "category": self.category,
            "gender": self.gender,
            "email": self.email,
            "phone": self.phone,
            "badge": self.badge,
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "desk": self.desk or None,
        }


@dataclass(frozen=True)
class ParticipantInput:
    """What the participant form and the import give for one person."""

    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    function: str = ""
    type_id: int | None = None
    gender: str | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""

    def cleaned(self) -> ParticipantInput:
        return replace(
            self,
            first_name=_one_line(self.first_name),
            last_name=_one_line(self.last_name),
            organisation=_one_line(self.organisation),
            function=_one_line(self.function),
            email=printable(self.email).strip(),
            phone=printable(self.phone).strip(),
            notes=printable(self.notes).strip(),
        )


def _one_line(text: str) -> str:
    """A name or a structure on one line; a control character pasted or imported goes."""
    return " ".join(printable(text).split())


@dataclass(frozen=True)
class DeletedParticipant:
    """Everything needed to put a deleted participant back exactly (undo)."""

    row: dict[str, object]
    checkins: tuple[dict[str, object], ...]
    memberships: tuple[dict[str, object], ...]
    keep_apart: tuple[dict[str, object], ...] = ()
    moderator_of: tuple[int, ...] = ()  # group ids
    rapporteur_of: tuple[int, ...] = ()


def phone_digits(phone: str) -> str:
    """A phone number's digits without the Senegal prefix, as typed at a desk (776559101)."""
    digits = "".join(char for char in phone if char.isdigit())
    return digits[3:] if digits.startswith("221") and len(digits) > 9 else digits


def _columns(obj: object) -> dict[str, object]:
    table = obj.__table__  # type: ignore[attr-defined]
    return {c.key: getattr(obj, c.key) for c in table.columns}


class OrganisationCache:
    """Organisations of one workshop by folded name, created on first use."""

    def __init__(self, session: Session, workshop_id: int) -> None:
        self.session = session
        self.workshop_id = workshop_id
        rows = session.scalars(select(Organisation).where(Organisation.workshop_id == workshop_id))
        self.by_key = {org.name_key: org for org in rows}

    def get(self, name: str) -> Organisation | None:
        key = fold(name)[:_ORGANISATION_KEY_LIMIT]
        if not key:
            return None
        org = self.by_key.get(key)
        if org is None:
            org = Organisation(workshop_id=self.workshop_id, name=name, name_key=key)
            self.session.add(org)
            self.by_key[key] = org
        return org


def validate(data: ParticipantInput) -> ParticipantInput:
    """Clean a participant's details, or say what is wrong."""
    data = data.cleaned()
    if not data.first_name and not data.last_name:
        raise ParticipantInvalid(_("A participant needs a first name or a last name."))
    if data.email and not _EMAIL.fullmatch(data.email):
        raise ParticipantInvalid(
            _("« {email} » is not an e-mail address.").format(email=data.email)
        )
    if data.gender not in (None, "F", "M"):
        raise ParticipantInvalid(_("Gender must be F, M or left empty."))
    for field in FIELD_LIMITS:
        problem = length_problem(field, getattr(data, field))
        if problem:
            raise ParticipantInvalid(problem)
    return data


def _apply(participant: Participant, data: ParticipantInput, orgs: OrganisationCache) -> None:
    participant.first_name = data.first_name
    participant.last_name = data.last_name
    org = orgs.get(data.organisation)
    participant.organisation = org
    participant.function = data.function
    participant.type_id = data.type_id
    participant.gender = data.gender
    participant.email = data.email
    participant.phone = data.phone
    participant.notes = data.notes
    participant.name_key = stored_name_key(data.first_name, data.last_name)
    participant.email_key = email_key(data.email)


def add_participant(
    session: Session, workshop_id: int, data: ParticipantInput, *, walk_in: bool = False
) -> Participant:
    """Register one person, with a fresh badge token."""
    data = validate(data)
    get_workshop(session, workshop_id)
    participant = Participant(
        workshop_id=workshop_id, badge_token=new_token(workshop_id), walk_in=walk_in
    )
    _apply(participant, data, OrganisationCache(session, workshop_id))
    session.add(participant)
    session.flush()
    return participant


def update_participant(session: Session, participant_id: int, data: ParticipantInput) -> None:
    """Save the participant form."""
    data = validate(data)
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise ParticipantInvalid(_("This participant no longer exists."))
    _apply(participant, data, OrganisationCache(session, participant.workshop_id))
    session.flush()


def _rows(session: Session, model: type[Base], *conditions: Any) -> tuple[dict[str, object], ...]:
    return tuple(_columns(row) for row in session.scalars(select(model).where(*conditions)))


def delete_participants(session: Session, ids: Iterable[int]) -> list[DeletedParticipant]:
    """Remove participants; returns what `restore_participants` needs to undo it.

    Everything the database would drop or blank with them is kept: check-ins, group places,
    « keep apart » pairs, and the groups they moderate or report for.
    """
    ids = list(ids)
    deleted: list[DeletedParticipant] = []
    people = session.scalars(select(Participant).where(Participant.id.in_(ids))).all()
    for p in people:
        deleted.append(
            DeletedParticipant(
                _columns(p),
                _rows(session, CheckIn, CheckIn.participant_id == p.id),
                _rows(session, GroupMember, GroupMember.participant_id == p.id),
                _rows(
                    session, KeepApart, or_(KeepApart.first_id == p.id, KeepApart.second_id == p.id)
                ),
                tuple(session.scalars(select(Group.id).where(Group.moderator_id == p.id))),
                tuple(session.scalars(select(Group.id).where(Group.rapporteur_id == p.id))),
            )
        )
    session.execute(delete(Participant).where(Participant.id.in_(ids)))
    session.expunge_all()
    return deleted


@dataclass(frozen=True)
class ParticipantTies:
    """What deleting a participant would take away besides them: presence, groups, roles."""

    id: int
    name: str
    days: tuple[dt.date, ...]  # the days they were checked in
    groups: tuple[tuple[str, str], ...]  # (round, group) they are a member of
    leads: tuple[tuple[str, str], ...]  # (round, group) they moderate or report for

    @property
    def any(self) -> bool:
        return bool(self.days or self.groups or self.leads)


def ties_of(session: Session, ids: Iterable[int]) -> list[ParticipantTies]:
    """The participants among `ids` who are checked in, in a group or lead one, in id order."""
    ids = sorted(set(ids))
    if not ids:
        return []
    days: dict[int, list[dt.date]] = {}
    for pid, day in session.execute(
        select(CheckIn.participant_id, CheckIn.day)
        .where(CheckIn.participant_id.in_(ids))
        .order_by(CheckIn.day)
    ):
        days.setdefault(pid, []).append(day)
    groups: dict[int, list[tuple[str, str]]] = {}
    for pid, round_name, group_name in session.execute(
        select(GroupMember.participant_id, GroupRound.name, Group.name)
        .join(Group, Group.id == GroupMember.group_id)
        .join(GroupRound, GroupRound.id == GroupMember.round_id)
        .where(GroupMember.participant_id.in_(ids))
        .order_by(GroupRound.position, Group.position)
    ):
        groups.setdefault(pid, []).append((round_name, group_name))
    leads: dict[int, list[tuple[str, str]]] = {}
    for column in (Group.moderator_id, Group.rapporteur_id):
        for pid, round_name, group_name in session.execute(
            select(column, GroupRound.name, Group.name)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(column.in_(ids))
            .order_by(GroupRound.position, Group.position)
        ):
            if (round_name, group_name) not in groups.get(pid, []):
                leads.setdefault(pid, []).append((round_name, group_name))
    tied = sorted(set(days) | set(groups) | set(leads))
    names = {
        pid: name
        for pid, name in session.execute(
            select(Participant.id, Participant.first_name + " " + Participant.last_name).where(
                Participant.id.in_(tied)
            )
        )
    }
    return [
        ParticipantTies(
            pid,
            " ".join(str(names.get(pid, "")).split()),
            tuple(days.get(pid, ())),
            tuple(groups.get(pid, ())),
            tuple(leads.get(pid, ())),
        )
        for pid in tied
    ]


def restore_participants(session: Session, deleted: Sequence[DeletedParticipant]) -> None:
    """Put deleted participants back with the same id, badge, check-ins, groups and roles."""
    for item in deleted:
        session.add(Participant(**item.row))
    session.flush()
    pairs_back: set[object] = set()
    for item in deleted:
        session.add_all(CheckIn(**row) for row in item.checkins)
        session.add_all(GroupMember(**row) for row in item.memberships)
        for pair in item.keep_apart:
            if pair["id"] not in pairs_back:  # a pair of two deleted people is kept by both
                pairs_back.add(pair["id"])
                session.add(KeepApart(**pair))
        participant_id = item.row["id"]
        if item.moderator_of:
            session.execute(
                update(Group)
                .where(Group.id.in_(item.moderator_of))
                .values(moderator_id=participant_id)
            )
        if item.rapporteur_of:
            session.execute(
                update(Group)
                .where(Group.id.in_(item.rapporteur_of))
                .values(rapporteur_id=participant_id)
            )
    session.flush()


def participant_input(session: Session, participant_id: int) -> ParticipantInput:
    """The participant form's content for one person."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise ParticipantInvalid(_("This participant no longer exists."))
    return ParticipantInput(
        p.first_name,
        p.last_name,
        p.organisation.name if p.organisation else "",
        p.function,
        p.type_id,
        p.gender,
        p.email,
        p.phone,
        p.notes,
    )


def list_participants(
    session: Session, workshop_id: int, day: dt.date | None = None
) -> list[ParticipantView]:
    """Every participant of a workshop with the check-in of `day` (default: the day in force)."""
    workshop = get_workshop(session, workshop_id)
    day = day or day_in_force(workshop)
    types = {
        t.id: t
        for t in session.scalars(
            select(ParticipantType).where(ParticipantType.workshop_id == workshop_id)
        )
    }
    orgs: dict[int, str] = {
        org_id: name
        for org_id, name in session.execute(
            select(Organisation.id, Organisation.name).where(
                Organisation.workshop_id == workshop_id
            )
        )
    }
    checkins = {
        pid: (at, desk)
        for pid, at, desk in session.execute(
            select(CheckIn.participant_id, CheckIn.checked_in_at, CheckIn.desk)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == workshop_id, CheckIn.day == day)
        )
    }
    rows = session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop_id)
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    return [_view(p, workshop, types, orgs, checkins) for p in rows]


def view_of(session: Session, participant_id: int, day: dt.date) -> ParticipantView:
    """One participant as lists show them, with their check-in of `day`."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise ParticipantInvalid(_("This participant no longer exists."))
    workshop = get_workshop(session, p.workshop_id)
    types = {p.type.id: p.type} if p.type is not None else {}
    orgs = {p.organisation.id: p.organisation.name} if p.organisation is not None else {}
    row = session.execute(
        select(CheckIn.checked_in_at, CheckIn.desk).where(
            CheckIn.participant_id == participant_id, CheckIn.day == day
        )
    ).first()
    checkins = {participant_id: (row[0], row[1])} if row else {}
    return _view(p, workshop, types, orgs, checkins)


def _view(
    p: Participant,
    workshop: Workshop,
    types: dict[int, ParticipantType],
    orgs: dict[int, str],
    checkins: dict[int, tuple[dt.datetime, str]],
) -> ParticipantView:
    ptype = types.get(p.type_id) if p.type_id is not None else None
    organisation = orgs.get(p.organisation_id, "") if p.organisation_id is not None else ""
    at, desk = checkins.get(p.id, (None, ""))
    return ParticipantView(
        id=p.id,
        first_name=p.first_name,
        last_name=p.last_name,
        organisation=organisation,
        function=p.function,
        type_id=p.type_id,
        category=ptype.name if ptype else "",
        category_colour=ptype.colour if ptype else "",
        gender=p.gender,
        email=p.email,
        phone=p.phone,
        notes=p.notes,
        badge=p.badge_token,
        checked_in_at=to_local(at, workshop.timezone) if at else None,
        desk=desk,
        search=search_text(
            p.first_name,
            p.last_name,
            organisation,
            p.function,
            p.email,
            p.phone,
            phone_digits(p.phone),
        ),
    )
