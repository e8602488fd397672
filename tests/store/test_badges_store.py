"""What badges print, read from the database: contents, order, selections, printed marks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from facilitator.core.text import fold
from facilitator.i18n import set_language
from facilitator.store.badges import (
    UnknownParticipants,
    badge_data,
    format_dates,
    known_ids,
    mark_printed,
)
from facilitator.store.database import Database
from facilitator.store.models import Participant
from facilitator.store.participants import ParticipantInput, add_participant, list_participants
from facilitator.store.workshops import (
    WorkshopDetails,
    WorkshopNotFound,
    create_workshop,
    find_workshop,
)

DAKAR = "migration-circulaire-dakar-2025"


def _workshop(db: Database, start: dt.date, end: dt.date, venue: str = "", city: str = "") -> int:
    with db.write() as session:
        details = WorkshopDetails("Atelier de Thiès", start, end, venue=venue, city=city)
        return create_workshop(session, details).id


def _add(db: Database, workshop_id: int, first: str, last: str, **more: object) -> int:
    with db.write() as session:
        data = ParticipantInput(first_name=first, last_name=last, **more)  # type: ignore[arg-type]
        return add_participant(session, workshop_id, data).id


def test_badges_carry_each_participants_details(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop = find_workshop(session, DAKAR)
        views = list_participants(session, workshop.id)
        badges = badge_data(session, workshop.id)
    assert len(badges) == len(views) > 0
    by_id = {view.id: view for view in views}
    for badge in badges:
        view = by_id[badge.participant_id]
        assert (badge.first_name, badge.last_name) == (view.first_name, view.last_name)
        assert badge.organisation == view.organisation
        assert badge.function == view.function
        assert (badge.category, badge.colour) == (view.category, view.category_colour)
        assert badge.token == view.badge
        assert badge.workshop_title == workshop.title
        assert badge.venue == f"{workshop.venue}, {workshop.city}"
        assert badge.workshop_dates == format_dates(workshop.start_date, workshop.end_date)
    assert any(
        badge.category and re.fullmatch(r"#[0-9A-Fa-f]{6}", badge.colour) for badge in badges
    )


def test_badges_are_sorted_by_last_then_first_name_ignoring_case_and_accents(db: Database) -> None:
    workshop_id = _workshop(db, dt.date(2025, 3, 25), dt.date(2025, 3, 25))
    for first, last in [
        ("Moussa", "Ndiaye"),
        ("Awa", "N'DIAYE"),
        ("Éric", "Cissé"),
        ("Aïda", "cisse"),
        ("Fatou", "Ba"),
        ("Zoé", "Diop"),
    ]:
        _add(db, workshop_id, first, last)
    with db.read() as session:
        badges = badge_data(session, workshop_id)
    keys = [(fold(b.last_name), fold(b.first_name)) for b in badges]
    assert keys == sorted(keys)
    assert [b.last_name for b in badges][:3] == ["Ba", "cisse", "Cissé"]


def test_only_the_ids_asked_for(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop_id = find_workshop(session, DAKAR).id
        everyone = badge_data(session, workshop_id)
        chosen = [
            everyone[5].participant_id,
            everyone[0].participant_id,
            everyone[-1].participant_id,
        ]
        badges = badge_data(session, workshop_id, ids=chosen)
    assert sorted(b.participant_id for b in badges) == sorted(chosen)
    assert [b.participant_id for b in badges] == [
        b.participant_id for b in everyone if b.participant_id in chosen
    ]


def test_unknown_ids_and_other_workshops_participants_are_named(demo_db: Database) -> None:
    with demo_db.read() as session:
        dakar = find_workshop(session, DAKAR).id
        thies = find_workshop(session, "m4sd-cloture-thies-2023").id
        own = badge_data(session, dakar)[0].participant_id
        other = badge_data(session, thies)[0].participant_id
        missing = 999_999
        with pytest.raises(UnknownParticipants) as caught:
            badge_data(session, dakar, ids=[own, other, missing])
    message = str(caught.value)
    assert str(other) in message and str(missing) in message and f"{own}," not in message
    assert "Aucun participant de cet atelier" in message
    assert isinstance(caught.value, ValueError)


def test_known_ids_keeps_the_workshops_participants_in_their_order(demo_db: Database) -> None:
    with demo_db.read() as session:
        dakar = find_workshop(session, DAKAR).id
        thies = find_workshop(session, "m4sd-cloture-thies-2023").id
        own = [b.participant_id for b in badge_data(session, dakar)[:3]]
        other = badge_data(session, thies)[0].participant_id
        asked = [own[2], other, own[0], 999_999, own[2], own[1]]
        assert known_ids(session, dakar, asked) == [own[2], own[0], own[1]]
        assert known_ids(session, dakar, []) == []


def test_not_printed_after_mark_printed(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop_id = find_workshop(session, DAKAR).id
        everyone = badge_data(session, workshop_id)
    printed = [b.participant_id for b in everyone[::3]]
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with demo_db.write() as session:
        mark_printed(session, printed)
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with demo_db.read() as session:
        left = badge_data(session, workshop_id, not_printed=True)
        stamps = dict(
            session.execute(
                select(Participant.id, Participant.badge_printed_at).where(
                    Participant.workshop_id == workshop_id
                )
            ).all()
        )
        chosen = badge_data(session, workshop_id, ids=printed[:2], not_printed=True)
    assert {b.participant_id for b in left} == {b.participant_id for b in everyone} - set(printed)
    for participant_id, stamp in stamps.items():
        if participant_id in printed:
            assert stamp is not None and before <= stamp <= after
        else:
            assert stamp is None
    assert chosen == []


def test_mark_printed_of_nobody_changes_nothing(demo_db: Database) -> None:
    with demo_db.write() as session:
        mark_printed(session, [])
    with demo_db.read() as session:
        stamped = session.scalars(
            select(Participant.id).where(Participant.badge_printed_at.is_not(None))
        ).all()
    assert stamped == []


def test_missing_workshop(db: Database) -> None:
    with db.read() as session, pytest.raises(WorkshopNotFound):
        badge_data(session, 12345)


def test_venue_and_city_are_joined_only_when_present(db: Database) -> None:
    day = dt.date(2025, 3, 25)
    cases = [
        ("Hôtel BIG FAIM", "Thiès", "Hôtel BIG FAIM, Thiès"),
        ("", "Thiès", "Thiès"),
        ("", "", ""),
    ]
    for venue, city, expected in cases:
        workshop_id = _workshop(db, day, day, venue, city)
        _add(db, workshop_id, "Awa", "Sy")
        with db.read() as session:
            assert badge_data(session, workshop_id)[0].venue == expected


@pytest.mark.parametrize(
    ("start", "end", "french", "english"),
    [
        (dt.date(2025, 3, 25), dt.date(2025, 3, 25), "25 mars 2025", "25 March 2025"),
        (dt.date(2025, 3, 25), dt.date(2025, 3, 27), "25–27 mars 2025", "25–27 March 2025"),
        (
            dt.date(2025, 3, 30),
            dt.date(2025, 4, 2),
            "30 mars – 2 avril 2025",
            "30 March – 2 April 2025",
        ),
        (
            dt.date(2024, 12, 30),
            dt.date(2025, 1, 1),
            "30 décembre 2024 – 1er janvier 2025",
            "30 December 2024 – 1 January 2025",
        ),
        (dt.date(2023, 8, 1), dt.date(2023, 8, 1), "1er août 2023", "1 August 2023"),
    ],
)
def test_dates_follow_the_language(start: dt.date, end: dt.date, french: str, english: str) -> None:
    assert format_dates(start, end, "fr") == french
    assert format_dates(start, end, "en") == english
    set_language("en")
    assert format_dates(start, end) == english
    set_language("fr")
    assert format_dates(start, end) == french


def test_badge_dates_are_in_the_language_in_force(db: Database) -> None:
    workshop_id = _workshop(db, dt.date(2025, 5, 6), dt.date(2025, 5, 8))
    _add(db, workshop_id, "Awa", "Sy")
    with db.read() as session:
        assert badge_data(session, workshop_id)[0].workshop_dates == "6–8 mai 2025"
        set_language("en")
        assert badge_data(session, workshop_id)[0].workshop_dates == "6–8 May 2025"
