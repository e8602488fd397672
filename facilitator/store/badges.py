"""What badges print, read from the event database, and the record of which were printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from facilitator.core.dates import format_date_range
from facilitator.core.text import fold
from facilitator.exports.snapshots import BadgeData
from facilitator.i18n import ngettext
from facilitator.store.models import Participant, utcnow
from facilitator.store.workshops import get_workshop


class UnknownParticipants(ValueError):
    """Some participant ids asked for are not participants of the workshop."""


def format_dates(start: dt.date, end: dt.date, language: str | None = None) -> str:
    """A workshop's dates as people write them: « 25–27 mars 2025 », « 30 mars – 2 avril 2025 »."""
    return format_date_range(start, end, language)


def badge_data(
    session: Session,
    workshop_id: int,
    ids: Sequence[int] | None = None,
    not_printed: bool = False,
) -> list[BadgeData]:
    """The badges of a workshop's participants (all, those of `ids`, or those not yet printed).

    Sorted by last name then first name, ignoring case and accents, as badges are handed out.
    """
    workshop = get_workshop(session, workshop_id)
    query = (
        select(Participant)
        .where(Participant.workshop_id == workshop_id)
        .options(selectinload(Participant.organisation), selectinload(Participant.type))
    )
    if ids is not None:
        wanted = set(ids)
        query = query.where(Participant.id.in_(wanted))
    if not_printed:
        query = query.where(Participant.badge_printed_at.is_(None))
    people = list(session.scalars(query))
    if ids is not None:
        _check_known(session, workshop_id, wanted)
    dates = format_dates(workshop.start_date, workshop.end_date)
    venue = ", ".join(part for part in (workshop.venue, workshop.city) if part)
    people.sort(key=lambda p: (fold(p.last_name), fold(p.first_name), p.last_name, p.id))
    return [
        BadgeData(
            participant_id=p.id,
            first_name=p.first_name,
            last_name=p.last_name,
            organisation=p.organisation.name if p.organisation else "",
            function=p.function,
            category=p.type.name if p.type else "",
            colour=p.type.colour if p.type else "",
            token=p.badge_token,
            workshop_title=workshop.title,
            workshop_dates=dates,
            venue=venue,
        )
        for p in people
    ]


def _check_known(session: Session, workshop_id: int, wanted: set[int]) -> None:
    found = set(
        session.scalars(
            select(Participant.id).where(
                Participant.workshop_id == workshop_id, Participant.id.in_(wanted)
            )
        )
    )
    unknown = sorted(wanted - found)
    if unknown:
        raise UnknownParticipants(
            ngettext(
                "No participant of this workshop has the id {ids}.",
                "No participant of this workshop has the ids {ids}.",
                len(unknown),
            ).format(ids=", ".join(str(i) for i in unknown))
        )


def known_ids(session: Session, workshop_id: int, ids: Sequence[int]) -> list[int]:
    """The ids, in their order, that are still participants of the workshop."""
    found = set(
        session.scalars(
            select(Participant.id).where(
                Participant.workshop_id == workshop_id, Participant.id.in_(set(ids))
            )
        )
    )
    return [i for i in dict.fromkeys(ids) if i in found]


def mark_printed(session: Session, ids: Sequence[int]) -> None:
    """Record that these participants' badges were printed (now, in UTC)."""
    if not ids:
        return
    session.execute(
        update(Participant).where(Participant.id.in_(list(ids))).values(badge_printed_at=utcnow())
    )
    session.flush()


def badge_counts(session: Session, workshop_id: int) -> tuple[int, int]:
    """How many participants the workshop has, and how many of their badges are not printed."""
    # Two counts, not badge_data(): that builds every badge, 1.5 s for 10,000 participants.
    everyone, not_printed = session.execute(
        select(
            func.count(Participant.id),
            func.count(Participant.id).filter(Participant.badge_printed_at.is_(None)),
        ).where(Participant.workshop_id == workshop_id)
    ).one()
    return int(everyone), int(not_printed)
