"""A round of groups as the printed lists take it: French dates, venue, rooms, roles, members."""

from __future__ import annotations

import pytest

from facilitator.store.database import Database
from facilitator.store.group_documents import groups_document, room_name
from facilitator.store.group_edits import update_group
from facilitator.store.groups import GroupsInvalid, list_rounds, round_view
from facilitator.store.workshops import find_workshop


def test_the_demo_round_as_a_document(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop_id = find_workshop(session, "m4sd-cloture-thies-2023").id
        (info,) = list_rounds(session, workshop_id)
        view = round_view(session, info.id)
    group = view.groups[0]
    update_group(
        demo_db, group.id, room="Salle Cayor", moderator_id=group.members[0].participant_id
    )
    with demo_db.read() as session:
        doc = groups_document(session, info.id)
    assert doc.dates_label == "27 octobre 2023"
    assert doc.round_name == info.name
    assert "M4SD" in doc.workshop_title
    assert doc.venue == "Hôtel BIG FAIM, Thiès"
    assert [g.name for g in doc.groups] == [g.name for g in view.groups]
    first = doc.groups[0]
    assert first.room == "Cayor"  # the PDF prints « Salle Cayor » itself
    member = group.members[0]
    assert first.moderator == f"{member.first_name} {member.last_name}"
    assert sum(len(g.members) for g in doc.groups) == info.members
    assert {(m.last_name, m.first_name) for m in first.members} == {
        (m.last_name, m.first_name) for m in group.members
    }


def test_room_names_lose_the_word_salle() -> None:
    assert room_name("Salle Gorée") == "Gorée"
    assert room_name("salle 2") == "2"
    assert room_name("Salleté") == "Salleté"
    assert room_name("  Plénière ") == "Plénière"


def test_a_missing_round_is_refused(demo_db: Database) -> None:
    with demo_db.read() as session, pytest.raises(GroupsInvalid):
        groups_document(session, 9999)
