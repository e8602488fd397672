"""Workshop operations: create, validate, edit types and dates, find, list, duplicate, delete."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from facilitator.core.badges import token_workshop
from facilitator.i18n import set_language
from facilitator.store.database import Database
from facilitator.store.models import (
    AgendaItem,
    AgendaNote,
    Base,
    CheckIn,
    Group,
    GroupRound,
    KeepApart,
    Organisation,
    Participant,
    ParticipantType,
    Recommendation,
    Revision,
    RunOfShowEvent,
    RunOfShowState,
    Workshop,
    WorkshopDay,
)
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import (
    TypeInfo,
    WorkshopDetails,
    WorkshopInvalid,
    WorkshopNotFound,
    create_workshop,
    day_in_force,
    delete_workshop,
    details_of,
    duplicate_workshop,
    find_workshop,
    get_workshop,
    list_workshops,
    slugify,
    update_workshop,
)

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"
FRENCH_DEFAULT_TYPES = [
    "Ministères",
    "Ambassades",
    "Organisations internationales",
    "Société civile",
    "Secteur privé",
    "Médias",
    "Migrants circulaires",
]


def french(message: str) -> str:
    """A regex for a French message, whatever space (often no-break) sits inside « »."""
    return re.escape(message).replace("«\\ ", "«\\s").replace("\\ »", "\\s»")


def _details(
    title: str = "Atelier", start: str = "2025-03-25", end: str | None = None, **extra: object
) -> WorkshopDetails:
    return WorkshopDetails(
        title=title,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end or start),
        **extra,  # type: ignore[arg-type]
    )


def _create(db: Database, details: WorkshopDetails) -> int:
    with db.write() as session:
        return create_workshop(session, details).id


def _days(session: Session, workshop_id: int) -> list[dt.date]:
    return list(
        session.scalars(
            select(WorkshopDay.date)
            .where(WorkshopDay.workshop_id == workshop_id)
            .order_by(WorkshopDay.date)
        )
    )


def _types(session: Session, workshop_id: int) -> list[tuple[int, str, str, str, int]]:
    rows = session.execute(
        select(
            ParticipantType.id,
            ParticipantType.key,
            ParticipantType.name,
            ParticipantType.colour,
            ParticipantType.position,
        )
        .where(ParticipantType.workshop_id == workshop_id)
        .order_by(ParticipantType.position)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _workshop_id(db: Database, slug: str) -> int:
    with db.read() as session:
        return find_workshop(session, slug).id


# ----------------------------------------------------------------------------- create


def test_slug_comes_from_a_french_title_without_accents(db: Database) -> None:
    title = "Atelier d'Évaluation à Saint-Louis : Étape n°2"
    with db.write() as session:
        workshop = create_workshop(session, _details(title))
        assert workshop.slug == "atelier-d-evaluation-a-saint-louis-etape-n-2"
    with db.read() as session:
        stored = find_workshop(session, "atelier-d-evaluation-a-saint-louis-etape-n-2")
        assert stored.title == title


def test_slug_of_a_title_with_a_ligature_keeps_its_letters() -> None:
    # BUG (store/workshops.py, slugify): NFKD does not decompose « œ »/« æ », so they are
    # dropped as non-ASCII and « Vœux » gives « v-ux ». Fix: translate ligatures first, as
    # core/text.py's _LIGATURES does for fold().
    assert slugify("Cérémonie des vœux et œuvres sociales") == (
        "ceremonie-des-voeux-et-oeuvres-sociales"
    )


def test_slugs_stay_unique_with_a_number(db: Database) -> None:
    with db.write() as session:
        slugs = [create_workshop(session, _details("Atelier de Thiès")).slug for _ in range(3)]
    assert slugs == ["atelier-de-thies", "atelier-de-thies-2", "atelier-de-thies-3"]


def test_a_numeric_title_still_gets_a_slug_that_is_not_a_number(db: Database) -> None:
    with db.write() as session:
        first = create_workshop(session, _details("2025")).slug
        second = create_workshop(session, _details("2025")).slug
        nothing = create_workshop(session, _details("« ! »")).slug
    assert not first.isdigit() and first.startswith("2025")
    assert not second.isdigit() and second != first
    assert nothing == "atelier"
    with db.read() as session:
        # A slug must never be read as an id by find_workshop.
        assert find_workshop(session, first).title == "2025"
        assert find_workshop(session, second).slug == second


def test_a_multi_day_workshop_gets_one_row_per_day(db: Database) -> None:
    workshop_id = _create(db, _details("Trois jours", "2025-03-30", "2025-04-01"))
    with db.read() as session:
        assert _days(session, workshop_id) == [
            dt.date(2025, 3, 30),
            dt.date(2025, 3, 31),
            dt.date(2025, 4, 1),
        ]


def test_days_follow_when_the_dates_change(db: Database) -> None:
    workshop_id = _create(db, _details("Trois jours", "2025-03-25", "2025-03-27"))
    with db.read() as session:
        day_ids = {
            day: day_id
            for day, day_id in session.execute(
                select(WorkshopDay.date, WorkshopDay.id).where(
                    WorkshopDay.workshop_id == workshop_id
                )
            )
        }
        details = details_of(get_workshop(session, workshop_id))
    details.start_date, details.end_date = dt.date(2025, 3, 26), dt.date(2025, 3, 29)
    with db.write() as session:
        update_workshop(session, workshop_id, details)
    with db.read() as session:
        assert _days(session, workshop_id) == [dt.date(2025, 3, d) for d in (26, 27, 28, 29)]
        kept = session.scalar(
            select(WorkshopDay.id).where(
                WorkshopDay.workshop_id == workshop_id, WorkshopDay.date == dt.date(2025, 3, 26)
            )
        )
        # Days still in the range are kept as they are, not re-created.
        assert kept == day_ids[dt.date(2025, 3, 26)]
    details.start_date = details.end_date = dt.date(2025, 3, 28)
    with db.write() as session:
        update_workshop(session, workshop_id, details)
    with db.read() as session:
        assert _days(session, workshop_id) == [dt.date(2025, 3, 28)]
        assert session.scalar(select(func.count()).select_from(WorkshopDay)) == 1


def test_default_participant_types_are_the_seven_of_the_notes_in_french(db: Database) -> None:
    workshop_id = _create(db, _details())
    with db.read() as session:
        types = _types(session, workshop_id)
    assert [name for _id, _key, name, _colour, _pos in types] == FRENCH_DEFAULT_TYPES
    assert [key for _id, key, _name, _colour, _pos in types] == [
        "ministry",
        "embassy",
        "international",
        "civil_society",
        "private_sector",
        "media",
        "migrant",
    ]
    assert [pos for *_rest, pos in types] == list(range(7))
    assert len({colour for _id, _key, _name, colour, _pos in types}) == 7


def test_default_participant_types_follow_the_language(db: Database) -> None:
    set_language("en")
    workshop_id = _create(db, _details("Workshop"))
    with db.read() as session:
        names = [name for _id, _key, name, _colour, _pos in _types(session, workshop_id)]
    assert names[0] == "Ministries" and names[-1] == "Circular migrants"
    assert len(names) == 7


def test_given_types_replace_the_defaults(db: Database) -> None:
    details = _details(
        types=[
            TypeInfo(None, "", "Élus locaux", "#112233"),
            TypeInfo(None, "press", "Presse", "#abcdef"),
        ]
    )
    workshop_id = _create(db, details)
    with db.read() as session:
        types = _types(session, workshop_id)
    assert [(key, name, colour) for _id, key, name, colour, _pos in types] == [
        ("elus_locaux", "Élus locaux", "#112233"),
        ("press", "Presse", "#abcdef"),
    ]


def test_fields_are_stored_trimmed(db: Database) -> None:
    details = _details("  Atelier de Kaolack  ", venue=" Hôtel Relais ", city="Kaolack ")
    workshop_id = _create(db, details)
    with db.read() as session:
        workshop = get_workshop(session, workshop_id)
        assert (workshop.title, workshop.venue, workshop.city) == (
            "Atelier de Kaolack",
            "Hôtel Relais",
            "Kaolack",
        )
        assert workshop.timezone == "Africa/Dakar"


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (_details("   "), "Un atelier doit avoir un titre"),
        (
            _details("Atelier", "2025-03-27", "2025-03-25"),
            french("Le dernier jour (2025-03-25) est avant le premier jour (2025-03-27)."),
        ),
        (_details("Atelier", "2025-01-01", "2025-06-01"), "plus de 60 jours"),
        (
            _details(
                types=[
                    TypeInfo(None, "", "Presse", "#111111"),
                    TypeInfo(None, "", " PRESSE ", "#222222"),
                ]
            ),
            "Deux types de participants portent le même nom",
        ),
        (
            _details(types=[TypeInfo(None, "", "  ", "#111111")]),
            "Chaque type de participant doit avoir un nom",
        ),
        (
            _details(types=[TypeInfo(None, "", "Presse", "rouge")]),
            french("La couleur « rouge » de « Presse » n’est pas une couleur comme #1F4E9C."),
        ),
        (_details(types=[TypeInfo(None, "", "Presse", "#12345")]), french("« #12345 »")),
        (_details(types=[TypeInfo(None, "", "Presse", "#GG0000")]), french("« #GG0000 »")),
    ],
)
def test_invalid_details_are_refused_in_french_and_nothing_is_written(
    db: Database, details: WorkshopDetails, message: str
) -> None:
    with pytest.raises(WorkshopInvalid, match=message), db.write() as session:
        create_workshop(session, details)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_an_update_is_validated_too(db: Database) -> None:
    workshop_id = _create(db, _details("Atelier de Ziguinchor"))
    with db.read() as session:
        details = details_of(get_workshop(session, workshop_id))
    details.title = ""
    with (
        pytest.raises(WorkshopInvalid, match="Un atelier doit avoir un titre"),
        db.write() as session,
    ):
        update_workshop(session, workshop_id, details)
    with db.read() as session:
        assert get_workshop(session, workshop_id).title == "Atelier de Ziguinchor"


# ----------------------------------------------------------------------------- update types


def test_update_renames_reorders_and_removes_types(db: Database) -> None:
    workshop_id = _create(db, _details("Atelier de Saint-Louis"))
    with db.write() as session:
        before = {t.key: t for t in details_of(get_workshop(session, workshop_id)).types}
        media = add_participant(
            session,
            workshop_id,
            ParticipantInput("Awa", "Ndiaye", type_id=before["media"].id),
        ).id
        ministry = add_participant(
            session,
            workshop_id,
            ParticipantInput("Moussa", "Diop", type_id=before["ministry"].id),
        ).id
    with db.read() as session:
        details = details_of(get_workshop(session, workshop_id))
    details.types = [
        TypeInfo(before["embassy"].id, "embassy", "Corps diplomatique", "#000080"),
        TypeInfo(before["ministry"].id, "ministry", "Ministères", "#1F4E9C"),
        TypeInfo(None, "", "Élus locaux", "#445566"),
    ]
    with db.write() as session:
        update_workshop(session, workshop_id, details)
    with db.read() as session:
        types = _types(session, workshop_id)
        assert [(tid, key, name, colour, pos) for tid, key, name, colour, pos in types] == [
            (before["embassy"].id, "embassy", "Corps diplomatique", "#000080", 0),
            (before["ministry"].id, "ministry", "Ministères", "#1F4E9C", 1),
            (types[2][0], "elus_locaux", "Élus locaux", "#445566", 2),
        ]
        assert session.scalar(select(func.count()).select_from(ParticipantType)) == 3
        # Participants of a removed type stay registered, without a type.
        assert session.get(Participant, media).type_id is None  # type: ignore[union-attr]
        assert session.get(Participant, ministry).type_id == before["ministry"].id  # type: ignore[union-attr]
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_a_type_removed_and_added_again_under_its_name_can_be_saved(db: Database) -> None:
    # The new row would take the removed row's key ("media"), and the unit of work inserts
    # before it deletes: the (workshop_id, key) unique constraint must not fail the save.
    workshop_id = _create(db, _details())
    with db.write() as session:
        details = details_of(get_workshop(session, workshop_id))
        media = next(t.id for t in details.types if t.key == "media")
        person = add_participant(
            session, workshop_id, ParticipantInput("Khady", "Sène", type_id=media)
        ).id
    details.types = [t for t in details.types if t.key != "media"]
    details.types.append(TypeInfo(None, "", "Media", "#B8326E"))
    with db.write() as session:
        update_workshop(session, workshop_id, details)
    with db.read() as session:
        types = _types(session, workshop_id)
        assert [name for _i, _k, name, _c, _p in types][-1] == "Media"
        assert len(types) == 7 and len({key for _i, key, *_rest in types}) == 7
        assert media not in {type_id for type_id, *_rest in types}
        # The person of the removed type is not silently moved to the new one.
        assert session.get(Participant, person).type_id is None  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- find


def test_find_by_id_by_slug_and_unknown(db: Database) -> None:
    workshop_id = _create(db, _details("Atelier de Kédougou"))
    with db.read() as session:
        assert find_workshop(session, workshop_id).slug == "atelier-de-kedougou"
        assert find_workshop(session, str(workshop_id)).id == workshop_id
        assert find_workshop(session, f" {workshop_id} ").id == workshop_id
        assert find_workshop(session, "atelier-de-kedougou").id == workshop_id
        assert find_workshop(session, "Atelier-De-Kedougou").id == workshop_id  # as typed
        assert get_workshop(session, workshop_id).title == "Atelier de Kédougou"
        with pytest.raises(WorkshopNotFound, match=french("Aucun atelier « atelier-de-kolda »")):
            find_workshop(session, "atelier-de-kolda")
        with pytest.raises(WorkshopNotFound, match=french("Aucun atelier « 999 »")):
            find_workshop(session, 999)
        with pytest.raises(WorkshopNotFound, match="Aucun atelier n’a l’identifiant 999"):
            get_workshop(session, 999)


# ----------------------------------------------------------------------------- list


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-03-20", "2025-03-25"),
        ("2025-03-25", "2025-03-25"),
        ("2025-03-26", "2025-03-26"),
        ("2025-03-27", "2025-03-27"),
        ("2025-04-15", "2025-03-27"),
    ],
)
def test_day_in_force_keeps_today_within_the_dates(today: str, expected: str) -> None:
    workshop = Workshop(start_date=dt.date(2025, 3, 25), end_date=dt.date(2025, 3, 27))
    assert day_in_force(workshop, dt.date.fromisoformat(today)) == dt.date.fromisoformat(expected)


def test_list_counts_registered_and_present_on_the_day_in_force(db: Database) -> None:
    first, last = dt.date(2025, 3, 25), dt.date(2025, 3, 27)
    with db.write() as session:
        long_one = create_workshop(session, _details("Trois jours", "2025-03-25", "2025-03-27"))
        other = create_workshop(session, _details("Un autre", "2025-05-02"))
        people = [
            add_participant(session, long_one.id, ParticipantInput("P", f"N{i}")) for i in range(5)
        ]
        add_participant(session, other.id, ParticipantInput("Q", "R"))
        at = dt.datetime(2025, 3, 25, 8, 30)
        for person in people[:3]:  # three on the first day, one on the last
            session.add(CheckIn(participant_id=person.id, day=first, checked_in_at=at))
        session.add(CheckIn(participant_id=people[0].id, day=last, checked_in_at=at))
        long_id, other_id = long_one.id, other.id

    def counts(today: str) -> dict[int, tuple[int, int]]:
        with db.read() as session:
            return {
                w.id: (w.registered, w.present)
                for w in list_workshops(session, dt.date.fromisoformat(today))
            }

    assert counts("2025-01-01") == {long_id: (5, 3), other_id: (1, 0)}
    assert counts("2025-03-25") == {long_id: (5, 3), other_id: (1, 0)}
    assert counts("2025-03-26") == {long_id: (5, 0), other_id: (1, 0)}
    assert counts("2025-03-27") == {long_id: (5, 1), other_id: (1, 0)}
    assert counts("2026-01-01") == {long_id: (5, 1), other_id: (1, 0)}
    with db.read() as session:
        summaries = list_workshops(session, dt.date(2025, 3, 25))
    # Newest first.
    assert [s.id for s in summaries] == [other_id, long_id]
    assert summaries[1].title == "Trois jours" and summaries[1].start_date == first


def test_list_of_the_demo_counts_the_m4sd_check_ins(demo_db: Database) -> None:
    with demo_db.read() as session:
        by_slug = {s.slug: s for s in list_workshops(session)}
    assert by_slug[M4SD].registered == 60
    assert by_slug[M4SD].present == 52  # today falls after the workshop: its last day counts
    assert by_slug[MIGRATION].registered == 80
    assert by_slug[MIGRATION].present == 0


# ----------------------------------------------------------------------------- duplicate


def test_duplicate_copies_details_types_participants_and_agenda(demo_db: Database) -> None:
    source_id = _workshop_id(demo_db, M4SD)
    with demo_db.write() as session:
        copy_id = duplicate_workshop(session, source_id).id
    with demo_db.read() as session:
        source, copy = get_workshop(session, source_id), get_workshop(session, copy_id)
        assert copy.title == f"{source.title} (copie)"
        assert copy.slug not in (source.slug, "") and not copy.slug.isdigit()
        for name in (
            "start_date",
            "end_date",
            "venue",
            "city",
            "organisers",
            "context",
            "objectives",
            "expected_results",
            "timezone",
        ):
            assert getattr(copy, name) == getattr(source, name), name
        assert _days(session, copy_id) == _days(session, source_id)
        source_types = _types(session, source_id)
        copy_types = _types(session, copy_id)
        assert [t[1:] for t in copy_types] == [t[1:] for t in source_types]
        assert {t[0] for t in copy_types}.isdisjoint(t[0] for t in source_types)

        def people(workshop_id: int) -> dict[tuple[str, str], Participant]:
            rows = session.scalars(
                select(Participant).where(Participant.workshop_id == workshop_id)
            )
            return {(p.first_name, p.last_name): p for p in rows}

        before, after = people(source_id), people(copy_id)
        assert len(after) == len(before) == 60
        assert after.keys() == before.keys()
        copy_type_ids = {t[0] for t in copy_types}
        for key, new in after.items():
            old = new_source = before[key]
            assert (new.email, new.phone, new.function, new.gender, new.name_key) == (
                old.email,
                old.phone,
                old.function,
                old.gender,
                old.name_key,
            )
            assert new.badge_token != new_source.badge_token
            assert token_workshop(new.badge_token) == copy_id
            assert new.type_id in copy_type_ids
            assert new.type.key == old.type.key  # type: ignore[union-attr]
            assert new.organisation is not None and old.organisation is not None
            assert new.organisation.workshop_id == copy_id
            assert new.organisation.name == old.organisation.name
        assert session.scalar(
            select(func.count(func.distinct(Participant.badge_token)))
        ) == session.scalar(select(func.count()).select_from(Participant))

        def agenda(workshop_id: int) -> list[tuple[object, ...]]:
            start = get_workshop(session, workshop_id).start_date
            items = session.scalars(
                select(AgendaItem)
                .where(AgendaItem.workshop_id == workshop_id, AgendaItem.parent_id.is_(None))
                .order_by(AgendaItem.day, AgendaItem.position)
            )
            return [
                (
                    (item.day - start).days,
                    item.position,
                    item.title,
                    item.kind,
                    item.planned_start,
                    item.duration_minutes,
                    item.fixed,
                    [
                        (
                            (c.day - start).days,
                            c.position,
                            c.title,
                            c.planned_start,
                            c.duration_minutes,
                        )
                        for c in item.children
                    ],
                )
                for item in items
            ]

        copied = agenda(copy_id)
        assert copied == agenda(source_id)
        assert len(copied) == 7
        assert [c[4] for c in copied[3][7]] == [15, 15, 45]  # type: ignore[index]
        # The copy's agenda has not run yet.
        assert (
            session.scalar(
                select(func.count())
                .select_from(AgendaItem)
                .where(
                    AgendaItem.workshop_id == copy_id,
                    AgendaItem.actual_start.is_not(None) | AgendaItem.actual_end.is_not(None),
                )
            )
            == 0
        )
        copy_children = session.scalar(
            select(func.count())
            .select_from(AgendaItem)
            .where(AgendaItem.workshop_id == copy_id, AgendaItem.parent_id.is_not(None))
        )
        assert copy_children == 5
        # What happened at the source event is not copied.
        assert (
            session.scalar(
                select(func.count())
                .select_from(CheckIn)
                .join(Participant)
                .where(Participant.workshop_id == copy_id)
            )
            == 0
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(GroupRound)
                .where(GroupRound.workshop_id == copy_id)
            )
            == 0
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(Recommendation)
                .where(Recommendation.workshop_id == copy_id)
            )
            == 0
        )
        # And the source is untouched.
        assert (
            session.scalar(
                select(func.count())
                .select_from(CheckIn)
                .join(Participant)
                .where(Participant.workshop_id == source_id)
            )
            == 52
        )
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_duplicate_takes_the_title_given(demo_db: Database) -> None:
    source_id = _workshop_id(demo_db, MIGRATION)
    with demo_db.write() as session:
        copy = duplicate_workshop(session, source_id, "Migration circulaire – 2e édition")
        assert copy.slug == "migration-circulaire-2e-edition"
    with demo_db.write() as session:
        again = duplicate_workshop(session, source_id, "Migration circulaire – 2e édition")
        assert again.slug == "migration-circulaire-2e-edition-2"


def test_the_agenda_of_a_copy_follows_its_new_dates(demo_db: Database) -> None:
    # BUG (store/workshops.py, update_workshop / duplicate_workshop): the duplicate keeps the
    # source's dates and the screen then asks the user to « edit it to change its title and
    # dates », but update_workshop moves only WorkshopDay rows: every agenda item (and sub-item)
    # stays on the old dates, outside the workshop, so the copy's agenda is empty on its days.
    # Fix: in update_workshop, when start_date changes, shift AgendaItem.day of the workshop by
    # the same number of days (or give duplicate_workshop a start date, which _copy_agenda's
    # `shift` already expects).
    source_id = _workshop_id(demo_db, M4SD)
    with demo_db.write() as session:
        copy_id = duplicate_workshop(session, source_id).id
    with demo_db.read() as session:
        details = details_of(get_workshop(session, copy_id))
    details.start_date = details.end_date = dt.date(2024, 11, 8)
    with demo_db.write() as session:
        update_workshop(session, copy_id, details)
    with demo_db.read() as session:
        days = set(session.scalars(select(AgendaItem.day).where(AgendaItem.workshop_id == copy_id)))
    assert days == {dt.date(2024, 11, 8)}


# ----------------------------------------------------------------------------- delete


def _owned_counts(session: Session, workshop_id: int) -> dict[str, int]:
    """Rows of each table that belong to one workshop."""
    w = workshop_id
    rounds = select(GroupRound.id).where(GroupRound.workshop_id == w)
    owners = {
        "checkins": ("participant_id", select(Participant.id).where(Participant.workshop_id == w)),
        "groups": ("round_id", rounds),
        "group_members": ("round_id", rounds),
        "restitutions": ("group_id", select(Group.id).where(Group.round_id.in_(rounds))),
        "restitution_items": ("group_id", select(Group.id).where(Group.round_id.in_(rounds))),
        "agenda_notes": (
            "agenda_item_id",
            select(AgendaItem.id).where(AgendaItem.workshop_id == w),
        ),
        "recommendation_sources": (
            "recommendation_id",
            select(Recommendation.id).where(Recommendation.workshop_id == w),
        ),
    }
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "workshops":
            condition = table.c.id == w
        elif "workshop_id" in table.c:
            condition = table.c.workshop_id == w
        elif table.name in owners:
            column, owner_ids = owners[table.name]
            condition = table.c[column].in_(owner_ids)
        else:
            continue
        counts[table.name] = (
            session.scalar(select(func.count()).select_from(table).where(condition)) or 0
        )
    return counts


# Tables that belong to the event file, not to a workshop.
EVENT_WIDE = {"change_counters"}


def _total_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
        if table.name not in EVENT_WIDE
    }


def _fill_every_table(session: Session, workshop_id: int) -> None:
    """Give a demo workshop rows in the tables the demo leaves empty."""
    people = session.scalars(
        select(Participant.id).where(Participant.workshop_id == workshop_id).limit(2)
    ).all()
    item = session.scalar(select(AgendaItem.id).where(AgendaItem.workshop_id == workshop_id))
    session.add(KeepApart(workshop_id=workshop_id, first_id=people[0], second_id=people[1]))
    session.add(RunOfShowEvent(workshop_id=workshop_id, agenda_item_id=item, action="start"))
    session.add(RunOfShowState(workshop_id=workshop_id, agenda_item_id=item))
    session.add(
        Revision(
            workshop_id=workshop_id,
            entity="agenda_note",
            entity_id=1,
            field="text",
            text="ancienne version",
        )
    )


def test_delete_removes_everything_of_the_workshop_and_nothing_else(demo_db: Database) -> None:
    gone_id = _workshop_id(demo_db, M4SD)
    kept_id = _workshop_id(demo_db, MIGRATION)
    with demo_db.write() as session:
        _fill_every_table(session, gone_id)
        _fill_every_table(session, kept_id)
    with demo_db.read() as session:
        gone = _owned_counts(session, gone_id)
        kept = _owned_counts(session, kept_id)
        total = _total_counts(session)
    assert set(gone) == set(total), "a table is missing from _owned_counts"
    # Every table has rows of the workshop deleted, so the test checks every cascade.
    assert all(gone.values()), gone
    assert {name: gone[name] + kept[name] for name in total} == total
    with demo_db.write() as session:
        delete_workshop(session, gone_id)
    with demo_db.read() as session:
        assert _owned_counts(session, gone_id) == dict.fromkeys(total, 0)
        assert _total_counts(session) == kept
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert find_workshop(session, MIGRATION).id == kept_id
        with pytest.raises(WorkshopNotFound):
            find_workshop(session, M4SD)
        # The kept workshop's links still point at its own rows.
        orphans = session.scalar(
            select(func.count())
            .select_from(Participant)
            .where(
                Participant.organisation_id.is_not(None),
                Participant.organisation_id.not_in(select(Organisation.id)),
            )
        )
        assert orphans == 0
        assert session.scalar(select(func.count()).select_from(AgendaNote)) == kept["agenda_notes"]


def test_delete_an_unknown_workshop(db: Database) -> None:
    with pytest.raises(WorkshopNotFound), db.write() as session:
        delete_workshop(session, 42)
