"""The demo workshops: added once, and faithful to the two concept notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from facilitator.core.badges import token_workshop
from facilitator.store.database import Database
from facilitator.store.demo import add_demo_workshops, demo_slugs
from facilitator.store.models import (
    AgendaItem,
    Base,
    CheckIn,
    GroupMember,
    GroupRound,
    Participant,
    ParticipantType,
    Recommendation,
    RecommendationSource,
    Restitution,
    RestitutionItem,
)
from facilitator.store.participants import list_participants
from facilitator.store.timeutil import to_local
from facilitator.store.workshops import delete_workshop, find_workshop, list_workshops

MIGRATION = "migration-circulaire-dakar-2025"
M4SD = "m4sd-cloture-thies-2023"

MIGRATION_TYPES = [
    "Ministères et administrations",
    "Représentations diplomatiques",
    "Organisations internationales",
    "Société civile",
    "Secteur privé",
    "Médias",
    "Migrants circulaires",
]

# The agenda of the concept note « Gouvernance de la migration circulaire au Sénégal »
# (French typography: a no-break space before the colon).
MIGRATION_AGENDA = [
    ("08:30", "09:00", "Accueil et installation des participants"),
    ("09:00", "09:30", "Ouverture et présentation des objectifs de l’atelier"),
    ("09:30", "10:30", "Session 1\u00a0: Introduction à la migration circulaire"),
    ("10:30", "11:00", "Pause-café"),
    ("11:00", "12:30", "Session 2\u00a0: Les défis de la migration circulaire au Sénégal"),
    ("12:30", "13:30", "Déjeuner"),
    (
        "13:30",
        "15:00",
        "Session 3\u00a0: CILMI comme modèle de gouvernance de la migration circulaire",
    ),
    (
        "15:00",
        "16:00",
        "Ateliers pratiques par groupe (développement de recommandations) pour "
        "l’élaboration d’une SOP sur la migration circulaire au Sénégal",
    ),
    ("16:00", "16:30", "Restitution des groupes et discussions ouvertes"),
    ("16:30", "17:00", "Clôture et synthèse des recommandations"),
]


def _table_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


def _top_items(session: Session, workshop_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.workshop_id == workshop_id, AgendaItem.parent_id.is_(None))
            .order_by(AgendaItem.day, AgendaItem.position)
        )
    )


def _end(item: AgendaItem) -> dt.time:
    assert item.planned_start is not None
    start = dt.datetime.combine(item.day, item.planned_start)
    return (start + dt.timedelta(minutes=item.duration_minutes)).time()


def test_demo_workshops_are_added_once(db: Database) -> None:
    with db.write() as session:
        assert add_demo_workshops(session) == demo_slugs() == [MIGRATION, M4SD]
    with db.read() as session:
        counts = _table_counts(session)
        assert [w.slug for w in list_workshops(session)] == [MIGRATION, M4SD]
    with db.write() as session:
        assert add_demo_workshops(session) == []
    with db.read() as session:
        assert _table_counts(session) == counts
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_a_missing_demo_workshop_is_added_back_alone(demo_db: Database) -> None:
    with demo_db.write() as session:
        delete_workshop(session, find_workshop(session, M4SD).id)
        migration_id = find_workshop(session, MIGRATION).id
    with demo_db.write() as session:
        assert add_demo_workshops(session) == [M4SD]
    with demo_db.read() as session:
        assert find_workshop(session, MIGRATION).id == migration_id
        assert session.scalar(select(func.count()).select_from(Participant)) == 140


def test_migration_workshop_follows_its_concept_note(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop = find_workshop(session, MIGRATION)
        assert workshop.title == "Gouvernance de la migration circulaire au Sénégal"
        assert workshop.start_date == workshop.end_date == dt.date(2025, 3, 25)
        assert workshop.city == "Dakar" and workshop.timezone == "Africa/Dakar"
        for name in ("objectives", "expected_results", "context", "organisers"):
            assert getattr(workshop, name).strip(), name
        types = session.scalars(
            select(ParticipantType)
            .where(ParticipantType.workshop_id == workshop.id)
            .order_by(ParticipantType.position)
        ).all()
        assert [t.name for t in types] == MIGRATION_TYPES
        by_type = dict(
            session.execute(
                select(Participant.type_id, func.count())
                .where(Participant.workshop_id == workshop.id)
                .group_by(Participant.type_id)
            ).all()
        )
        total = sum(by_type.values())
        assert 70 <= total <= 90
        assert None not in by_type
        assert set(by_type) == {t.id for t in types}  # every type has participants
        items = _top_items(session, workshop.id)
        assert [
            (
                i.planned_start.strftime("%H:%M") if i.planned_start else None,
                _end(i).strftime("%H:%M"),
                i.title,
            )
            for i in items
        ] == MIGRATION_AGENDA
        assert {i.day for i in items} == {dt.date(2025, 3, 25)}
        # The workshop is still to come: nothing has happened yet.
        assert all(i.actual_start is None and i.actual_end is None for i in items)
        assert (
            session.scalar(
                select(func.count())
                .select_from(CheckIn)
                .join(Participant)
                .where(Participant.workshop_id == workshop.id)
            )
            == 0
        )


def test_m4sd_workshop_is_the_day_that_happened_in_thies(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop = find_workshop(session, M4SD)
        assert workshop.start_date == workshop.end_date == dt.date(2023, 10, 27)
        assert (workshop.venue, workshop.city) == ("Hôtel BIG FAIM", "Thiès")
        assert workshop.objectives.strip() and workshop.expected_results.strip()
        items = _top_items(session, workshop.id)
        with_children = [i for i in items if i.children]
        assert [c.duration_minutes for c in with_children[0].children] == [15, 15, 45]
        first = with_children[0]
        assert first.title.startswith("SESSION 1")
        # Sub-items follow one another from the start of their session.
        assert [c.planned_start for c in first.children] == [
            dt.time(9, 45),
            dt.time(10, 0),
            dt.time(10, 15),
        ]
        assert sum(c.duration_minutes for c in first.children) == first.duration_minutes
        every_item = session.scalars(
            select(AgendaItem).where(AgendaItem.workshop_id == workshop.id)
        ).all()
        assert len(every_item) > len(items)
        for item in every_item:
            assert item.actual_start is not None and item.actual_end is not None, item.title
            assert item.actual_start < item.actual_end, item.title
            assert to_local(item.actual_start, workshop.timezone).date() == workshop.start_date
        opening = items[0]
        assert to_local(opening.actual_start, workshop.timezone).time() == dt.time(8, 5)  # type: ignore[arg-type]


def test_m4sd_has_check_ins_groups_restitutions_and_recommendations(demo_db: Database) -> None:
    with demo_db.read() as session:
        workshop = find_workshop(session, M4SD)
        people = set(
            session.scalars(select(Participant.id).where(Participant.workshop_id == workshop.id))
        )
        checkins = session.execute(
            select(CheckIn.participant_id, CheckIn.day, CheckIn.desk).where(
                CheckIn.participant_id.in_(people)
            )
        ).all()
        assert len(checkins) >= 40
        assert {day for _pid, day, _desk in checkins} == {dt.date(2023, 10, 27)}
        assert all(desk for *_rest, desk in checkins)
        present = [v for v in list_participants(session, workshop.id) if v.checked_in_at]
        assert len(present) == len(checkins)

        (round_,) = session.scalars(
            select(GroupRound).where(GroupRound.workshop_id == workshop.id)
        ).all()
        groups = round_.groups
        assert len(groups) >= 3
        members: dict[int, set[int]] = {}
        for group in groups:
            members[group.id] = set(
                session.scalars(
                    select(GroupMember.participant_id).where(GroupMember.group_id == group.id)
                )
            )
            assert members[group.id], group.name
            assert members[group.id] <= people
            assert group.moderator_id in members[group.id]
            assert group.rapporteur_id in members[group.id]
        everyone = [pid for ids in members.values() for pid in ids]
        assert len(everyone) == len(set(everyone))  # one group per person in a round

        group_ids = {g.id for g in groups}
        kinds = set(
            session.scalars(
                select(RestitutionItem.kind).where(RestitutionItem.group_id.in_(group_ids))
            )
        )
        assert kinds == {"challenge", "opportunity", "good_practice", "recommendation"}
        restitutions = session.scalars(
            select(Restitution).where(Restitution.group_id.in_(group_ids))
        ).all()
        assert len(restitutions) == len(groups)
        assert all(r.notes.strip() and r.rapporteur.strip() for r in restitutions)

        recommendations = session.scalars(
            select(Recommendation)
            .where(Recommendation.workshop_id == workshop.id)
            .order_by(Recommendation.position)
        ).all()
        assert len(recommendations) >= 10
        for rec in recommendations:
            sources = set(
                session.scalars(
                    select(RecommendationSource.group_id).where(
                        RecommendationSource.recommendation_id == rec.id
                    )
                )
            )
            assert sources and sources <= group_ids, rec.text
            assert rec.text.strip()
        assert len(session.scalars(select(RecommendationSource.group_id).distinct()).all()) == len(
            groups
        )


def test_demo_people_are_fictional_and_badges_unique(demo_db: Database) -> None:
    with demo_db.read() as session:
        rows = session.execute(
            select(Participant.email, Participant.badge_token, Participant.workshop_id)
        ).all()
        slugs = {find_workshop(session, slug).id for slug in (MIGRATION, M4SD)}
    assert len(rows) == 140
    emails = [email for email, _badge, _w in rows if email]
    assert len(emails) > 100
    for email in emails:
        local, _at, domain = email.partition("@")
        assert local and "example" in domain, email
    badges = [badge for _email, badge, _w in rows]
    assert len(set(badges)) == len(badges)
    assert all(token_workshop(badge) == workshop for _e, badge, workshop in rows)
    assert {workshop for *_rest, workshop in rows} == slugs
