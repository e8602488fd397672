"""Participant types in the store: the importer's plan and choices, merging split types, and
the lengths every bounded participant text is checked against."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from facilitator.core.participant_columns import ParsedList, ParticipantRow
from facilitator.store.badges import badge_data
from facilitator.store.checkin import check_in, presence_counts
from facilitator.store.database import Database
from facilitator.store.groups import people_for
from facilitator.store.importing import NEW_TYPE, NO_TYPE, import_into, import_participants
from facilitator.store.models import Participant, ParticipantType
from facilitator.store.participant_types import merge_types, participants_by_type, unmerge_types
from facilitator.store.participants import (
    ParticipantInput,
    ParticipantInvalid,
    add_participant,
    list_participants,
    update_participant,
)
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import (
    TypeInfo,
    WorkshopDetails,
    WorkshopInvalid,
    create_workshop,
    default_types,
)

NBSP = "\u00a0"
DAY = dt.date(2025, 3, 25)


def row(line: int, last: str, category: str, **values: str) -> ParticipantRow:
    fields = {
        "first_name": "Awa",
        "organisation": "",
        "function": "",
        "email": "",
        "phone": "",
        "notes": "",
        **values,
    }
    return ParticipantRow(line=line, last_name=last, category=category, gender=None, **fields)


def parsed(*rows: ParticipantRow) -> ParsedList:
    return ParsedList(rows=tuple(rows), skipped=())


def workshop(db: Database, types: list[TypeInfo] | None = None) -> int:
    with db.write() as session:
        details = WorkshopDetails("Atelier de Thiès", DAY, DAY, types=types or [])
        return create_workshop(session, details).id


def types_of(db: Database, workshop_id: int) -> list[tuple[int, str, str, int]]:
    with db.read() as session:
        return [
            (t.id, t.key, t.name, t.position)
            for t in session.scalars(
                select(ParticipantType)
                .where(ParticipantType.workshop_id == workshop_id)
                .order_by(ParticipantType.position)
            )
        ]


# ----------------------------------------------------------------------------- the import's plan

ISSUE_LIST = parsed(
    row(2, "Sarr", "Ministère"),
    row(3, "Sène", "Média"),
    row(4, "Diallo", "Représentation diplomatique"),
    row(5, "Ndiaye", "Organisation internationale"),
    row(6, "Faye", "Migrant"),
    row(7, "Kane", "MINISTERES"),
    row(8, "Ba", "Collectivité locale"),
    row(9, "Fall", "Collectivités locales"),
)


def test_a_workshop_with_the_app_s_old_keys_maps_the_issue_list(db: Database) -> None:
    # Workshops made in the app before the fix have keys made from the French names.
    old_keys = [
        TypeInfo(None, name.lower().replace(" ", "_"), name, colour)
        for _key, name, colour in ((t.key, t.name, t.colour) for t in default_types())
    ]
    workshop_id = workshop(db, old_keys)
    with db.write() as session:
        report = import_participants(session, workshop_id, ISSUE_LIST)
    assert report.new_types == ["Collectivité locale"]
    categories = {p.last_name: p.category for p in list_participants_of(db, workshop_id)}
    assert categories == {
        "Sarr": "Ministères",
        "Sène": "Médias",
        "Diallo": "Ambassades",
        "Ndiaye": "Organisations internationales",
        "Faye": "Migrants circulaires",
        "Kane": "Ministères",
        "Ba": "Collectivité locale",
        "Fall": "Collectivité locale",
    }


def list_participants_of(db: Database, workshop_id: int) -> list:  # type: ignore[type-arg]
    with db.read() as session:
        return list_participants(session, workshop_id)


def test_a_trial_run_says_where_each_value_goes_and_writes_nothing(db: Database) -> None:
    workshop_id = workshop(db)
    before = types_of(db, workshop_id)
    report = import_into(db, workshop_id, ISSUE_LIST, dry_run=True)
    assert types_of(db, workshop_id) == before
    assert list_participants_of(db, workshop_id) == []
    plan = [(p.values, p.count, p.type_name, p.how, p.type_id is None) for p in report.categories]
    assert plan == [
        (("Ministère", "MINISTERES"), 2, "Ministères", "name", False),
        (("Média",), 1, "Médias", "name", False),
        (("Représentation diplomatique",), 1, "Ambassades", "meaning", False),
        (("Organisation internationale",), 1, "Organisations internationales", "name", False),
        (("Migrant",), 1, "Migrants circulaires", "name", False),
        (("Collectivité locale", "Collectivités locales"), 2, "Collectivité locale", "new", True),
    ]
    assert report.new_types == ["Collectivité locale"]


def test_the_user_s_choices_send_values_to_a_type_a_new_one_or_none(db: Database) -> None:
    workshop_id = workshop(db)
    ministries = next(t for t in types_of(db, workshop_id) if t[1] == "ministry")[0]
    choices = {
        "collectivite locale": ministries,  # an existing type instead of a new one
        "representation diplomatique": NEW_TYPE,  # a type of its own instead of « Ambassades »
        "migrant": NO_TYPE,
    }
    report = import_into(db, workshop_id, ISSUE_LIST, choices=choices)
    assert report.new_types == ["Représentation diplomatique"]
    categories = {p.last_name: p.category for p in list_participants_of(db, workshop_id)}
    assert categories["Ba"] == categories["Fall"] == "Ministères"
    assert categories["Diallo"] == "Représentation diplomatique"
    assert categories["Faye"] == ""
    hows = {p.values[0]: p.how for p in report.categories}
    assert hows["Collectivité locale"] == "chosen" and hows["Migrant"] == "none"


# ----------------------------------------------------------------------------- merging


def split_workshop(db: Database) -> tuple[int, int, int, list[int]]:
    """A workshop whose list was imported into split types: « Ministère » beside « Ministères »."""
    workshop_id = workshop(db)
    with db.write() as session:
        kept = session.scalar(
            select(ParticipantType.id).where(
                ParticipantType.workshop_id == workshop_id, ParticipantType.key == "ministry"
            )
        )
        split = ParticipantType(
            workshop_id=workshop_id, key="ministere_7", name="Ministère", colour="#5A6B7B"
        )
        split.position = 7
        session.add(split)
        session.flush()
        assert kept is not None
        ids = [
            add_participant(
                session,
                workshop_id,
                ParticipantInput(first_name="Awa", last_name=f"Sarr{i}", type_id=type_id),
            ).id
            for i, type_id in enumerate((split.id, split.id, kept, split.id))
        ]
        return workshop_id, split.id, kept, ids


def test_merging_split_types_gives_one_type_everywhere(db: Database) -> None:
    workshop_id, split_id, kept_id, ids = split_workshop(db)
    for participant_id in ids[:3]:
        check_in(db, workshop_id, participant_id, now=dt.datetime(2025, 3, 25, 9, 0))
    with db.write() as session:
        merge = merge_types(session, workshop_id, split_id, kept_id)
    assert merge.moved == (ids[0], ids[1], ids[3]) and merge.removed_name == "Ministère"
    assert all(t[0] != split_id for t in types_of(db, workshop_id))
    with db.read() as session:
        assert participants_by_type(session, workshop_id) == {kept_id: 4}
        # The desk's counts, the badges' colours, the group balance and the report: one type.
        counts = presence_counts(session, workshop_id, DAY)
        assert [
            (name, present, registered) for name, _c, present, registered in counts.by_type
        ] == [("Ministères", 3, 4)]
        assert {(b.category, b.colour) for b in badge_data(session, workshop_id)} == {
            ("Ministères", "#1F4E9C")
        }
        assert {p.type for p in people_for(session, workshop_id, False)} == {"Ministères"}
        participation = synthesis_snapshot(session, workshop_id).participation
        assert participation is not None
        assert [(r.label, r.registered) for r in participation.by_type] == [("Ministères", 4)]


def test_a_merge_is_undone_exactly(db: Database) -> None:
    workshop_id, split_id, kept_id, ids = split_workshop(db)
    before = types_of(db, workshop_id)
    with db.write() as session:
        merge = merge_types(session, workshop_id, split_id, kept_id)
    # Meanwhile one of the moved participants was given another type by hand: it stays.
    other = next(t[0] for t in before if t[1] == "media")
    with db.write() as session:
        update_participant(
            session, ids[3], ParticipantInput(first_name="Awa", last_name="Sarr3", type_id=other)
        )
    with db.write() as session:
        unmerge_types(session, merge)
    assert types_of(db, workshop_id) == before
    with db.read() as session:
        type_ids = {p.id: p.type_id for p in session.scalars(select(Participant))}
    assert [type_ids[i] for i in ids] == [split_id, split_id, kept_id, other]


def test_merging_a_type_with_itself_or_another_workshop_s_is_refused(db: Database) -> None:
    workshop_id, split_id, kept_id, _ids = split_workshop(db)
    other_workshop = workshop(db)
    foreign = types_of(db, other_workshop)[0][0]
    with db.write() as session, pytest.raises(WorkshopInvalid, match="lui-même"):
        merge_types(session, workshop_id, split_id, split_id)
    with db.write() as session, pytest.raises(WorkshopInvalid, match="n’existe plus"):
        merge_types(session, workshop_id, split_id, foreign)


# ----------------------------------------------------------------------------- lengths


@pytest.mark.parametrize(
    ("field", "label", "limit"),
    [
        ("first_name", "Prénom", 150),
        ("last_name", "Nom", 150),
        ("organisation", "Structure", 300),
        ("function", "Fonction", 300),
        ("phone", "Téléphone", 80),
    ],
)
def test_an_over_long_text_is_refused_naming_the_field_and_its_limit(
    db: Database, field: str, label: str, limit: int
) -> None:
    workshop_id = workshop(db)
    values = {"first_name": "Awa", "last_name": "Ndiaye", field: "x" * (limit + 1)}
    with db.write() as session, pytest.raises(ParticipantInvalid) as refused:
        add_participant(session, workshop_id, ParticipantInput(**values))  # type: ignore[arg-type]
    assert str(refused.value) == (
        f"Le champ «{NBSP}{label}{NBSP}» est trop long{NBSP}: "
        f"{limit + 1} caractères, {limit} au plus."
    )
    values[field] = "x" * limit
    with db.write() as session:
        add_participant(session, workshop_id, ParticipantInput(**values))  # type: ignore[arg-type]


def test_an_over_long_email_and_a_long_import_row_are_refused(db: Database) -> None:
    workshop_id = workshop(db)
    address = "a" * 310 + "@example.sn"
    with db.write() as session, pytest.raises(ParticipantInvalid, match="E-mail"):
        add_participant(session, workshop_id, ParticipantInput(last_name="Ba", email=address))
    long_list = parsed(row(2, "Ba", "", organisation="O" * 301), row(3, "Fall", ""))
    with db.write() as session:
        report = import_participants(session, workshop_id, long_list)
    assert report.imported == 1
    assert [(s.line, s.reason) for s in report.skipped] == [
        (2, f"Le champ «{NBSP}Structure{NBSP}» est trop long{NBSP}: 301 caractères, 300 au plus.")
    ]


def test_an_over_long_category_makes_a_type_name_that_fits(db: Database) -> None:
    workshop_id = workshop(db)
    with db.write() as session:
        report = import_participants(session, workshop_id, parsed(row(2, "Ba", "Catégorie " * 20)))
    (name,) = report.new_types
    assert len(name) == 120 and name.endswith("…")


def test_workshop_texts_and_type_names_are_checked_too(db: Database) -> None:
    with db.write() as session, pytest.raises(WorkshopInvalid, match="Titre"):
        create_workshop(session, WorkshopDetails("T" * 301, DAY, DAY))
    long_type = [TypeInfo(None, "", "T" * 121, "#112233")]
    with db.write() as session, pytest.raises(WorkshopInvalid, match="Type de participant"):
        create_workshop(session, WorkshopDetails("Atelier", DAY, DAY, types=long_type))
