"""The synthesis snapshot built from the M4SD demo and from an empty workshop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from facilitator.exports.synthesis_snapshot import (
    SECTIONS,
    SynthesisOptions,
    SynthesisSnapshot,
    french_spacing,
)
from facilitator.i18n import current_language
from facilitator.store.database import Database
from facilitator.store.restitution_items import add_item
from facilitator.store.restitutions import groups_with_restitutions
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import WorkshopDetails, create_workshop, find_workshop

M4SD = "m4sd-cloture-thies-2023"
NBSP = "\u00a0"


def demo_snapshot(db: Database, **options: Any) -> SynthesisSnapshot:
    """The M4SD demo's report with the given SynthesisOptions fields."""
    with db.read() as session:
        workshop = find_workshop(session, M4SD)
        return synthesis_snapshot(session, workshop.id, SynthesisOptions(**options))


def empty_workshop(db: Database) -> int:
    """A workshop with a title and a date, and nothing else."""
    day = dt.date(2025, 3, 25)
    with db.write() as session:
        workshop = create_workshop(session, WorkshopDetails("Atelier à venir", day, day))
        session.flush()
        return workshop.id


def test_french_spacing() -> None:
    assert french_spacing("Objectif : agir ; vite ! Non ?") == (
        f"Objectif{NBSP}: agir{NBSP}; vite{NBSP}! Non{NBSP}?"
    )
    assert french_spacing("« migration »") == f"«{NBSP}migration{NBSP}»"
    assert french_spacing("«oui»") == f"«{NBSP}oui{NBSP}»"
    assert french_spacing("08:30 http://x.sn 12,5") == "08:30 http://x.sn 12,5"


def test_demo_snapshot_has_every_section(demo_db: Database) -> None:
    snapshot = demo_snapshot(demo_db)
    assert [s.key for s in snapshot.sections] == list(SECTIONS)
    assert snapshot.title_of("recommendations") == "6. Recommandations consolidées"
    assert snapshot.cover is not None and snapshot.cover.venue == "Hôtel BIG FAIM, Thiès"
    assert snapshot.dates_label == "27 octobre 2023"
    part = snapshot.participation
    assert part is not None
    assert (part.total.registered, part.total.present) == (60, (52,))
    women = next(row for row in part.by_gender if row.label == "Femmes")
    assert (women.registered, women.present) == (26, (25,))
    assert sum(row.registered for row in part.by_type) == 60
    assert len(snapshot.groups) == 4 and all(g.moderator and g.rapporteur for g in snapshot.groups)
    kinds = {block.kind for entry in snapshot.restitutions for block in entry.blocks}
    assert kinds == {"challenge", "opportunity", "good_practice", "recommendation"}
    assert [r.number for r in snapshot.recommendations] == list(range(1, 13))
    assert [r.kept for r in snapshot.recommendations] == [True] * 10 + [False] * 2
    assert snapshot.recommendations[0].groups == ("Groupe 2", "Groupe 4")
    first = snapshot.agenda[0].rows[0]
    assert first.actual_start is not None and first.actual_start.utcoffset() is not None
    assert first.delay_label == "−25\u00a0min"  # never split at a narrow column's edge
    # French typography in text fields; times are left alone.
    assert f"«{NBSP}migration et développement{NBSP}»" in snapshot.recommendations[0].text
    assert "08:30" in snapshot.agenda[0].summary and f"{NBSP};" in snapshot.agenda[0].summary


def test_contacts_only_when_asked(demo_db: Database) -> None:
    without = demo_snapshot(demo_db)
    assert all(p.phone == "" and p.email == "" for p in without.participants)
    with_contacts = demo_snapshot(demo_db, include_contacts=True)
    assert (
        sum(1 for p in with_contacts.participants if "@" in p.email) == 48
    )  # the others gave none


def test_english_snapshot_leaves_the_language_in_force(demo_db: Database) -> None:
    snapshot = demo_snapshot(demo_db, language="en")
    assert current_language() == "fr"
    assert snapshot.title_of("agenda") == "3. Agenda as planned and as run"
    assert snapshot.recommendations[0].horizon_label == "2 to 5 years"


def test_chosen_sections_only(demo_db: Database) -> None:
    snapshot = demo_snapshot(demo_db, sections=frozenset({"cover", "recommendations"}))
    assert [s.key for s in snapshot.sections] == ["cover", "recommendations"]
    assert snapshot.title_of("recommendations").startswith("1. ")
    assert snapshot.agenda == () and snapshot.groups == ()


def test_empty_workshop_leaves_sections_out(db: Database) -> None:
    workshop_id = empty_workshop(db)
    with db.read() as session:
        snapshot = synthesis_snapshot(session, workshop_id)
    assert [s.key for s in snapshot.sections] == ["cover"]
    assert snapshot.participation is None and snapshot.participants == ()


def test_text_typed_in_a_hurry_is_set_in_french_and_kept_in_english(demo_db: Database) -> None:
    with demo_db.read() as session:
        rounds = groups_with_restitutions(session, find_workshop(session, M4SD).id)
    group = rounds[0].groups[0]
    typed = 'l\'accès au crédit: trop cher; "vraiment"! Voir www.oim.int/credit?id=2'
    add_item(demo_db, group.group_id, "challenge", typed)

    def challenges(language: str) -> tuple[str, ...]:
        entry = next(
            e
            for e in demo_snapshot(demo_db, language=language).restitutions
            if e.group_name == group.name
        )
        return (next(b for b in entry.blocks if b.kind == "challenge").lines[-1].text,)

    assert challenges("fr") == (
        "l’accès au crédit\u00a0: trop cher\u00a0; «\u00a0vraiment\u00a0»\u00a0! "
        "Voir www.oim.int/credit?id=2",
    )
    assert challenges("en") == (typed,)
