"""Check-ins at the desk: one durable insert per participant and day, whatever scans it.

A check-in is an insert guarded by the unique constraint (participant, day), never a
read-modify-write: two desks scanning one badge at once give one check-in and one « already ».
Each function here owns its transaction and returns only once the outcome is committed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitator.core.badges import read_payload, token_workshop
from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import CheckIn, Participant, ParticipantType, Workshop
from facilitator.store.participants import ParticipantView, view_of
from facilitator.store.timeutil import to_local
from facilitator.store.workshops import day_in_force, get_workshop

CHECKED_IN, ALREADY, REJECTED = "checked_in", "already", "rejected"
# Nothing recorded yet: today is outside the workshop's dates and the desk asks first. Only a
# caller that passes allow_outside=False gets it (the command line never does).
OUTSIDE_DATES = "outside_dates"

# Why a scan was refused, so that a screen can say what to do in its own words.
NOT_A_BADGE = "not_a_badge"
UNKNOWN_BADGE = "unknown_badge"
OTHER_WORKSHOP = "other_workshop"
NO_LONGER_REGISTERED = "no_longer_registered"


@dataclass(frozen=True)
class ScanResult:
    """What the desk shows after a scan or a check-in by name."""

    status: str
    participant: ParticipantView | None
    checked_in_at: dt.datetime | None  # local, with its offset
    desk: str
    reason: str
    day: dt.date | None = None
    cause: str = ""  # NOT_A_BADGE, UNKNOWN_BADGE... when refused; OUTSIDE_DATES when held
    today: dt.date | None = None  # the calendar date at the workshop, when held (OUTSIDE_DATES)

    def to_json(self) -> dict[str, object]:
        """The shape CONTRACT.md promises for `scan --json`."""
        return {
            "status": self.status,
            "participant": self.participant.to_json() if self.participant else None,
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "desk": self.desk or None,
            "reason": self.reason or None,
        }


@dataclass(frozen=True)
class PresenceCounts:
    """Present and registered people of one day, in total, by participant type and by gender."""

    day: dt.date
    registered: int
    present: int
    by_type: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, colour, p, r
    by_gender: dict[str, tuple[int, int]] = field(default_factory=dict)  # F/M/"" -> (p, r)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DayCheck:
    """Today at the workshop, and the workshop day a check-in made today counts for."""

    today: dt.date  # the calendar date in the workshop's own time zone
    day: dt.date  # today, kept within the workshop's dates
    start: dt.date
    end: dt.date

    @property
    def outside(self) -> bool:
        """Today is not one of the workshop's days (a wrong clock, or wrong workshop dates)."""
        return self.today != self.day


def day_check(workshop: Workshop, now_utc: dt.datetime | None = None) -> DayCheck:
    """Where `now_utc` (now by default) falls against the workshop's dates."""
    local_today = to_local(now_utc or _now(), workshop.timezone).date()
    day = day_in_force(workshop, local_today)
    return DayCheck(local_today, day, workshop.start_date, workshop.end_date)


def workshop_day(workshop: Workshop, now_utc: dt.datetime) -> dt.date:
    """The day a check-in made at `now_utc` counts for, in the workshop's own time zone."""
    return day_check(workshop, now_utc).day


def _rejected(reason: str, cause: str) -> ScanResult:
    return ScanResult(REJECTED, None, None, "", reason, cause=cause)


def _find_badge(session: Session, workshop: Workshop, typed: str) -> Participant | ScanResult:
    token = read_payload(typed)
    if token is None:
        return _rejected(_("This code is not a Facilitator badge."), NOT_A_BADGE)
    participant = session.scalar(select(Participant).where(Participant.badge_token == token))
    if participant is None:
        return _rejected(
            _("Unknown or altered badge: it was not issued by this event file."), UNKNOWN_BADGE
        )
    if participant.workshop_id != workshop.id:
        return _other_workshop(session, participant, workshop)
    return participant


def _other_workshop(session: Session, participant: Participant, workshop: Workshop) -> ScanResult:
    other = session.get(Workshop, participant.workshop_id)
    return _rejected(
        _("Badge of another workshop: « {other} ». It is not valid for « {this} ».").format(
            other=other.title if other else token_workshop(participant.badge_token),
            this=workshop.title,
        ),
        OTHER_WORKSHOP,
    )


def scan(
    db: Database,
    workshop_id: int,
    typed: str,
    desk: str = "",
    now: dt.datetime | None = None,
    allow_outside: bool = True,
) -> ScanResult:
    """Check in whoever's badge was scanned (or typed); refuse anything else, naming why."""
    with db.read() as session:
        workshop = get_workshop(session, workshop_id)
        found = _find_badge(session, workshop, typed)
    if isinstance(found, ScanResult):
        return found
    return check_in(db, workshop_id, found.id, desk, now, allow_outside)


def check_in(
    db: Database,
    workshop_id: int,
    participant_id: int,
    desk: str = "",
    now: dt.datetime | None = None,
    allow_outside: bool = True,
) -> ScanResult:
    """Record that a participant is present today; « already » if they were, with when and where.

    On a date outside the workshop's, with `allow_outside` False, nothing is recorded: the result
    is OUTSIDE_DATES (with the person and the day it would count for) so that the desk can ask.
    """
    now = (now or _now()).replace(microsecond=0)
    try:
        with db.write() as session:
            workshop = get_workshop(session, workshop_id)
            participant = session.get(Participant, participant_id)
            if participant is None:
                return _no_longer_registered()
            if participant.workshop_id != workshop_id:  # a stale list at the desk, say
                return _other_workshop(session, participant, workshop)
            check = day_check(workshop, now)
            day = check.day
            if check.outside and not allow_outside:
                return _held(session, participant_id, check, desk)
            session.execute(
                insert(CheckIn).values(
                    participant_id=participant_id, day=day, checked_in_at=now, desk=desk
                )
            )
            view = view_of(session, participant_id, day)
    except IntegrityError:
        return _already(db, workshop_id, participant_id, now)
    return ScanResult(CHECKED_IN, view, view.checked_in_at, desk, "", day)


def _already(db: Database, workshop_id: int, participant_id: int, now: dt.datetime) -> ScanResult:
    with db.read() as session:
        workshop = get_workshop(session, workshop_id)
        day = workshop_day(workshop, now)
        row = session.scalar(
            select(CheckIn).where(CheckIn.participant_id == participant_id, CheckIn.day == day)
        )
        if row is None:  # the participant was deleted meanwhile
            return _no_longer_registered()
        view = view_of(session, participant_id, day)
    at = to_local(row.checked_in_at, workshop.timezone)
    if row.desk:
        reason = _("already checked in at {time} ({desk})").format(
            time=at.strftime("%H:%M"), desk=row.desk
        )
    else:
        reason = _("already checked in at {time}").format(time=at.strftime("%H:%M"))
    return ScanResult(ALREADY, view, at, row.desk, reason, day)


def _no_longer_registered() -> ScanResult:
    return _rejected(_("This participant no longer exists."), NO_LONGER_REGISTERED)


def _held(session: Session, participant_id: int, check: DayCheck, desk: str) -> ScanResult:
    view = view_of(session, participant_id, check.day)
    reason = _("Today ({today}) is outside the workshop's dates: nothing was recorded.").format(
        today=check.today.isoformat()
    )
    return ScanResult(
        OUTSIDE_DATES, view, None, desk, reason, check.day, OUTSIDE_DATES, check.today
    )


def undo_check_in(db: Database, participant_id: int, day: dt.date) -> bool:
    """Take back a check-in (a slip at the desk); True when there was one."""
    with db.write() as session:
        deleted = session.scalars(
            delete(CheckIn)
            .where(CheckIn.participant_id == participant_id, CheckIn.day == day)
            .returning(CheckIn.id)
        ).all()
    return bool(deleted)


def presence_counts(
    session: Session, workshop_id: int, day: dt.date | None = None
) -> PresenceCounts:
    """Live counts for the desk: present / registered, by type and by gender."""
    workshop = get_workshop(session, workshop_id)
    day = day or workshop_day(workshop, _now())
    present_ids = set(
        session.scalars(
            select(CheckIn.participant_id)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == workshop_id, CheckIn.day == day)
        )
    )
    rows = session.execute(
        select(Participant.id, Participant.type_id, Participant.gender).where(
            Participant.workshop_id == workshop_id
        )
    ).all()
    registered_by_type = Counter(type_id for _id, type_id, _g in rows)
    present_by_type = Counter(type_id for pid, type_id, _g in rows if pid in present_ids)
    registered_by_gender = Counter(gender or "" for _id, _t, gender in rows)
    present_by_gender = Counter(gender or "" for pid, _t, gender in rows if pid in present_ids)
    types = session.execute(
        select(ParticipantType.id, ParticipantType.name, ParticipantType.colour)
        .where(ParticipantType.workshop_id == workshop_id)
        .order_by(ParticipantType.position)
    ).all()
    by_type = [
        (name, colour, present_by_type[type_id], registered_by_type[type_id])
        for type_id, name, colour in types
        if registered_by_type[type_id]
    ]
    if registered_by_type[None]:
        by_type.append((_("No type"), "#9E9E9E", present_by_type[None], registered_by_type[None]))
    return PresenceCounts(
        day=day,
        registered=len(rows),
        present=len(present_ids),
        by_type=by_type,
        by_gender={
            gender: (present_by_gender[gender], count)
            for gender, count in registered_by_gender.items()
        },
    )


def count_present(session: Session, workshop_id: int, day: dt.date) -> int:
    """How many participants of a workshop are checked in on a day."""
    return (
        session.scalar(
            select(func.count())
            .select_from(CheckIn)
            .join(Participant, Participant.id == CheckIn.participant_id)
            .where(Participant.workshop_id == workshop_id, CheckIn.day == day)
        )
        or 0
    )
