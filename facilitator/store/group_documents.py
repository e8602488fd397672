"""One round of breakout groups as the printed group lists and door sheet take it."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from facilitator.core.dates import format_date_range
from facilitator.exports.group_snapshots import GroupMemberRow, GroupsDocument, GroupSheet
from facilitator.store.groups import round_view
from facilitator.store.models import GroupRound
from facilitator.store.workshops import get_workshop

# The document prints « Salle {room} »: a room typed as « Salle Gorée » must not read twice.
_ROOM_WORD = re.compile(r"^\s*salle\b\s*", re.IGNORECASE)


def room_name(room: str) -> str:
    """A room's own name, without a leading word « salle »: « Salle Gorée » → « Gorée »."""
    return _ROOM_WORD.sub("", room).strip()


def groups_document(session: Session, round_id: int) -> GroupsDocument:
    """The groups of a round, their members and the workshop's title, venue and dates."""
    view = round_view(session, round_id)  # refuses a round that no longer exists
    round_row = session.get(GroupRound, round_id)
    assert round_row is not None
    workshop = get_workshop(session, round_row.workshop_id)
    venue = ", ".join(part for part in (workshop.venue.strip(), workshop.city.strip()) if part)
    return GroupsDocument(
        workshop_title=workshop.title,
        venue=venue,
        dates_label=format_date_range(workshop.start_date, workshop.end_date),
        round_name=view.round.name,
        groups=tuple(
            GroupSheet(
                name=group.name,
                theme=group.theme,
                room=room_name(group.room),
                moderator=group.moderator_name,
                rapporteur=group.rapporteur_name,
                members=tuple(
                    GroupMemberRow(m.last_name, m.first_name, m.organisation, m.type_name)
                    for m in group.members
                ),
            )
            for group in view.groups
        ),
    )
