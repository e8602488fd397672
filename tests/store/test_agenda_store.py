"""The agenda as the store reads it: order, nesting, and local times with their offset."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from facilitator.store.agenda import AgendaEntry, agenda, kind_label
from facilitator.store.database import Database
from facilitator.store.models import AgendaItem, Workshop
from facilitator.store.timeutil import to_utc
from facilitator.store.workshops import WorkshopDetails, create_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


def _entries(db: Database, slug: str) -> list[AgendaEntry]:
    with db.read() as session:
        workshop_id = session.scalar(select(Workshop.id).where(Workshop.slug == slug))
        assert workshop_id is not None
        return agenda(session, workshop_id)


def test_items_in_order_with_sub_items_nested(demo_db: Database) -> None:
    entries = _entries(demo_db, MIGRATION)
    assert len(entries) == 10
    assert entries[0].title == "Accueil et installation des participants"
    starts = [e.planned_start for e in entries]
    assert starts == sorted(starts)
    opening = entries[1]
    assert [c.title for c in opening.children][0] == "Mot de bienvenue"
    assert len(opening.children) == 3
    assert all(not c.children for c in opening.children)
    assert all(e.actual_start is None and e.actual_end is None for e in entries)


def test_times_are_local_with_offset_in_dakar(demo_db: Database) -> None:
    first = _entries(demo_db, M4SD)[0]
    assert first.planned_start.isoformat() == "2023-10-27T08:30:00+00:00"
    assert first.planned_end.isoformat() == "2023-10-27T09:00:00+00:00"
    assert first.actual_start is not None and first.actual_end is not None
    assert first.actual_start.isoformat() == "2023-10-27T08:05:00+00:00"
    assert first.actual_end.isoformat() == "2023-10-27T09:12:00+00:00"
    assert first.delay_minutes == -25


def test_sub_items_follow_each_other(demo_db: Database) -> None:
    entries = _entries(demo_db, M4SD)
    assert all(e.actual_start is not None for e in entries)
    session_1 = next(e for e in entries if e.children)
    minutes = [
        int((c.planned_end - c.planned_start).total_seconds() // 60) for c in session_1.children
    ]
    assert minutes == [15, 15, 45]
    assert session_1.children[0].planned_start == session_1.planned_start
    for before, after in zip(session_1.children, session_1.children[1:], strict=False):
        assert before.planned_end == after.planned_start
    assert session_1.children[-1].planned_end == session_1.planned_end


def test_json_shape(demo_db: Database) -> None:
    data = _entries(demo_db, M4SD)[3].to_json()
    assert {"id", "title", "kind", "planned_start", "planned_end", "actual_start"} <= set(data)
    assert {"actual_end", "children"} <= set(data)
    assert data["planned_start"] == "2023-10-27T09:45:00+00:00"
    assert data["children"][1]["planned_start"] == "2023-10-27T10:00:00+00:00"
    assert data["children"][1]["children"] == []


def test_kinds_in_french() -> None:
    assert kind_label("travaux_de_groupe") == "travaux de groupe"
    assert kind_label("cloture") == "clôture"
    assert kind_label("autre_chose") == "autre chose"


def test_paris_offsets_and_daylight_saving(db: Database) -> None:
    tz = "Europe/Paris"
    with db.write() as session:
        workshop = create_workshop(
            session,
            WorkshopDetails(
                title="Atelier à Paris",
                start_date=dt.date(2025, 3, 29),
                end_date=dt.date(2025, 3, 31),
                timezone=tz,
            ),
        )
        wid = workshop.id
        day1, day2, day3 = (dt.date(2025, 3, d) for d in (29, 30, 31))
        session.add_all(
            [
                AgendaItem(
                    workshop_id=wid,
                    day=day3,
                    position=0,
                    title="Lundi",
                    planned_start=dt.time(9, 0),
                    duration_minutes=60,
                    actual_start=to_utc(day3, dt.time(9, 10), tz),
                    actual_end=to_utc(day3, dt.time(10, 5), tz),
                ),
                AgendaItem(
                    workshop_id=wid,
                    day=day1,
                    position=0,
                    title="Samedi",
                    planned_start=dt.time(9, 0),
                    duration_minutes=30,
                ),
                AgendaItem(
                    workshop_id=wid,
                    day=day2,
                    position=0,
                    title="Nuit du changement d'heure",
                    planned_start=dt.time(1, 30),
                    duration_minutes=120,
                ),
            ]
        )
    with db.read() as session:
        entries = agenda(session, wid)
    assert [e.title for e in entries] == ["Samedi", "Nuit du changement d'heure", "Lundi"]
    saturday, night, monday = entries
    assert saturday.planned_start.isoformat() == "2025-03-29T09:00:00+01:00"
    assert saturday.planned_end.isoformat() == "2025-03-29T09:30:00+01:00"
    # Two hours elapsed across the change: 01:30 (+01:00) to 04:30 (+02:00).
    assert night.planned_end.isoformat() == "2025-03-30T04:30:00+02:00"
    assert monday.planned_start.isoformat() == "2025-03-31T09:00:00+02:00"
    assert monday.actual_start is not None and monday.actual_end is not None
    assert monday.actual_start.isoformat() == "2025-03-31T09:10:00+02:00"
    assert monday.actual_end.isoformat() == "2025-03-31T10:05:00+02:00"
    assert monday.delay_minutes == 10
