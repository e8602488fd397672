"""A pasted programme lands on the day at the times it gives, in one transaction, undone whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from facilitator.core.pasted_programme import parse_programme
from facilitator.store.agenda import agenda
from facilitator.store.agenda_edit import AgendaInvalid, day_overlaps, day_snapshot, restore_day
from facilitator.store.agenda_paste import add_programme, day_end
from facilitator.store.database import Database
from facilitator.store.workshops import WorkshopDetails, create_workshop, find_workshop

DAY = dt.date(2026, 3, 10)
PROGRAMME = """\
08:30 – 09:00\tAccueil et installation des participants\tProtocole
09:00 – 09:30\tAllocution d’ouverture\tM. le Gouverneur
09:30 – 10:30\tPanel : la migration circulaire
11:00 – 11:15\tPause-café
11:15 – 12:30\tTravaux de groupe
"""


@pytest.fixture
def wid(db: Database) -> int:
    with db.write() as session:
        workshop = create_workshop(
            session, WorkshopDetails(title="Atelier", start_date=DAY, end_date=DAY)
        )
        return workshop.id


def day_rows(db: Database, wid: int, day: dt.date = DAY) -> list[tuple[str, str, str, bool]]:
    with db.read() as session:
        return [
            (f"{e.planned_start:%H:%M}", f"{e.planned_end:%H:%M}", e.title, e.fixed)
            for e in agenda(session, wid)
            if e.day == day
        ]


def test_an_empty_day_gets_the_programme_as_pasted(db: Database, wid: int) -> None:
    items = parse_programme(PROGRAMME).items
    with db.write() as session:
        ids = add_programme(session, wid, DAY, items)
    assert len(ids) == 5
    assert day_rows(db, wid) == [
        ("08:30", "09:00", "Accueil et installation des participants", False),
        ("09:00", "09:30", "Allocution d’ouverture", False),
        ("09:30", "10:30", "Panel : la migration circulaire", False),
        ("11:00", "11:15", "Pause-café", True),  # after a gap: held at its time
        ("11:15", "12:30", "Travaux de groupe", False),
    ]
    with db.read() as session:
        entries = agenda(session, wid)
        assert day_overlaps(session, wid, DAY) == []
    assert [e.kind for e in entries] == ["accueil", "ouverture", "session", "pause",
                                         "travaux_de_groupe"]  # fmt: skip
    assert entries[0].speakers == "Protocole"


def test_a_day_with_items_gets_the_paste_after_them(demo_db: Database) -> None:
    db = demo_db
    with db.read() as session:
        wid = find_workshop(session, "m4sd-cloture-thies-2023").id
        day = next(e.day for e in agenda(session, wid))
        before = day_rows(db, wid, day)
        end = day_end(session, wid, day)
    assert before and end is not None
    pasted = parse_programme(f"{end:%H:%M} – 14:30\tDéjeuner\n15:00 – 16:00\tVisite de terrain")
    with db.write() as session:
        add_programme(session, wid, day, pasted.items)
    after = day_rows(db, wid, day)
    assert after[: len(before)] == before
    assert after[len(before) :] == [
        (f"{end:%H:%M}", "14:30", "Déjeuner", False),
        ("15:00", "16:00", "Visite de terrain", True),
    ]


def test_a_paste_is_one_change_undone_whole(db: Database, wid: int) -> None:
    with db.write() as session:
        add_programme(session, wid, DAY, parse_programme("08:00 - 08:30 Café d’accueil").items)
    with db.read() as session:
        snapshot = day_snapshot(session, wid, DAY)
    with db.write() as session:
        add_programme(session, wid, DAY, parse_programme(PROGRAMME).items)
    assert len(day_rows(db, wid)) == 6
    with db.write() as session:
        restore_day(session, snapshot)
    assert day_rows(db, wid) == [("08:00", "08:30", "Café d’accueil", False)]


def test_a_refused_item_adds_nothing(db: Database, wid: int) -> None:
    items = parse_programme("22:00 - 23:00 Dîner\n23:30 - 23:59 Clôture").items
    late = [items[0], replace(items[1], title="  ")]  # the second one has no title
    with pytest.raises(AgendaInvalid), db.write() as session:
        add_programme(session, wid, DAY, late)
    assert day_rows(db, wid) == []
    with pytest.raises(AgendaInvalid), db.write() as session:
        add_programme(session, wid, DAY, [])
    assert day_rows(db, wid) == []
