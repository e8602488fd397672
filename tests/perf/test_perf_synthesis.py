"""Benchmark for issue 7 (run on demand: `python -m pytest tests/perf/test_perf_synthesis.py -s`).

The report of 300 participants over 3 days, 10 groups and 100 recommendations: PDF under 3 s,
DOCX under 3 s, XLSX under 2 s (the snapshot is built once, outside the timings).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.exports.synthesis_docx import write_synthesis_docx
from facilitator.exports.synthesis_md import write_synthesis_md
from facilitator.exports.synthesis_pdf import write_synthesis_pdf
from facilitator.exports.synthesis_snapshot import SynthesisSnapshot
from facilitator.exports.synthesis_xlsx import write_synthesis_xlsx
from facilitator.store.database import Database
from facilitator.store.models import (
    AgendaItem,
    AgendaNote,
    CheckIn,
    Group,
    GroupMember,
    GroupRound,
    Participant,
    ParticipantType,
    Recommendation,
    RecommendationSource,
    Restitution,
    RestitutionItem,
)
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import WorkshopDetails, create_workshop

START = dt.date(2025, 3, 25)
KINDS = ("challenge", "opportunity", "good_practice", "recommendation")


def _big_workshop(db: Database) -> int:
    chance = random.Random(7)
    words = [
        "migration",
        "circulaire",
        "gouvernance",
        "emploi",
        "jeunes",
        "femmes",
        "diaspora",
        "région",
    ]

    def sentence(n: int) -> str:
        return " ".join(chance.choice(words) for _ in range(n)).capitalize() + "."

    with db.write() as session:
        details = WorkshopDetails(
            "Atelier national sur la gouvernance de la migration circulaire",
            START,
            START + dt.timedelta(days=2),
            venue="King Fahd Palace",
            city="Dakar",
            organisers="OIM\nMinistère de l'Intérieur",
            context=sentence(120),
            objectives="- " + sentence(20) + "\n- " + sentence(25),
            expected_results=sentence(40),
        )
        workshop = create_workshop(session, details)
        session.flush()
        types = session.query(ParticipantType).filter_by(workshop_id=workshop.id).all()
        people = []
        for n in range(300):
            person = Participant(
                workshop_id=workshop.id,
                first_name=f"Prénom{n}",
                last_name=f"Nom{n:03d}",
                function=sentence(4),
                type_id=chance.choice(types).id,
                gender=chance.choice(["F", "M", None]),
                email=f"p{n}@example.sn",
                phone="77 000 00 00",
                badge_token=f"tok{n:06d}",
            )
            people.append(person)
        session.add_all(people)
        session.flush()
        for day in range(3):
            date = START + dt.timedelta(days=day)
            for person in people:
                if chance.random() < 0.85:
                    at = dt.datetime.combine(date, dt.time(8, chance.randrange(60)))
                    session.add(CheckIn(participant_id=person.id, day=date, checked_in_at=at))
            for position in range(12):
                item = AgendaItem(
                    workshop_id=workshop.id,
                    day=date,
                    position=position,
                    title=sentence(8),
                    planned_start=dt.time(8 + position // 2, 30 * (position % 2)),
                    duration_minutes=30,
                    actual_start=dt.datetime.combine(date, dt.time(8 + position // 2, 5)),
                    actual_end=dt.datetime.combine(date, dt.time(8 + position // 2, 40)),
                )
                session.add(item)
                session.flush()
                session.add(AgendaNote(agenda_item_id=item.id, text=sentence(60)))
        round_row = GroupRound(workshop_id=workshop.id, name="Travaux de groupe")
        session.add(round_row)
        session.flush()
        groups = []
        for g in range(10):
            group = Group(
                round_id=round_row.id,
                name=f"Groupe {g + 1}",
                theme=sentence(6),
                position=g,
                moderator_id=people[g].id,
                rapporteur_id=people[g + 10].id,
            )
            session.add(group)
            session.flush()
            groups.append(group)
            for person in people[g::10]:
                session.add(
                    GroupMember(round_id=round_row.id, group_id=group.id, participant_id=person.id)
                )
            session.add(Restitution(group_id=group.id, notes=sentence(80)))
            for position in range(16):
                session.add(
                    RestitutionItem(
                        group_id=group.id,
                        kind=KINDS[position % 4],
                        text=sentence(18),
                        position=position,
                    )
                )
        for position in range(100):
            rec = Recommendation(
                workshop_id=workshop.id,
                text=sentence(25),
                rec_type="policy",
                actor=sentence(5),
                horizon="2_to_5_years",
                priority=1 + position % 3,
                votes=chance.randrange(30),
                kept=position < 90,
                position=position,
            )
            session.add(rec)
            session.flush()
            for group in chance.sample(groups, 2):
                session.add(RecommendationSource(recommendation_id=rec.id, group_id=group.id))
        return workshop.id


@pytest.fixture
def snapshot(db: Database) -> SynthesisSnapshot:
    workshop_id = _big_workshop(db)
    start = time.perf_counter()
    with db.read() as session:
        result = synthesis_snapshot(session, workshop_id)
    print(f"\nsnapshot: {time.perf_counter() - start:.2f} s")
    return result


Writer = Callable[[SynthesisSnapshot, Path], None]


@pytest.mark.parametrize(
    ("name", "writer", "limit"),
    [
        ("synthese.pdf", write_synthesis_pdf, 3.0),
        ("synthese.docx", write_synthesis_docx, 3.0),
        ("synthese.xlsx", write_synthesis_xlsx, 2.0),
        ("synthese.md", write_synthesis_md, 1.0),
    ],
)
def test_report_in_budget(
    name: str, writer: Writer, limit: float, snapshot: SynthesisSnapshot, tmp_path: Path
) -> None:
    out = tmp_path / name
    start = time.perf_counter()
    writer(snapshot, out)
    elapsed = time.perf_counter() - start
    print(
        f"\n{name}: {elapsed:.2f} s for 300 participants, 3 days, 10 groups, 100 recommendations"
        f" ({out.stat().st_size // 1024} KiB)"
    )
    assert elapsed < limit
