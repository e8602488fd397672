"""Importing participant lists: merge the same person, map categories, one transaction, backups."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from facilitator.core import badges
from facilitator.core.participant_columns import (
    ParsedList,
    ParticipantRow,
    SkippedRow,
    load_participant_file,
    parse_participants,
)
from facilitator.core.text import fold
from facilitator.i18n import set_language
from facilitator.store import importing
from facilitator.store.backups import list_backups
from facilitator.store.database import Database
from facilitator.store.importing import describe, import_into, import_participants
from facilitator.store.models import Organisation, Participant, ParticipantType
from facilitator.store.participants import (
    ParticipantInput,
    ParticipantView,
    add_participant,
    list_participants,
)
from facilitator.store.workshops import WorkshopDetails, create_workshop

TOKEN = re.compile(r"F\d+-[A-Z2-7]{26}")


def row(
    line: int,
    first: str,
    last: str,
    organisation: str = "",
    category: str = "",
    email: str = "",
    *,
    function: str = "",
    gender: str | None = None,
    phone: str = "",
    notes: str = "",
) -> ParticipantRow:
    return ParticipantRow(
        line=line,
        first_name=first,
        last_name=last,
        organisation=organisation,
        function=function,
        category=category,
        gender=gender,
        email=email,
        phone=phone,
        notes=notes,
    )


def parsed(*rows: ParticipantRow, skipped: tuple[SkippedRow, ...] = ()) -> ParsedList:
    return ParsedList(rows=tuple(rows), skipped=skipped)


def _workshop(db: Database, title: str = "Atelier de Dakar") -> int:
    with db.write() as session:
        details = WorkshopDetails(title, dt.date(2025, 3, 25), dt.date(2025, 3, 25))
        return create_workshop(session, details).id


def _import(db: Database, workshop_id: int, data: ParsedList) -> importing.ImportReport:
    with db.write() as session:
        return import_participants(session, workshop_id, data)


def _people(db: Database, workshop_id: int) -> list[ParticipantView]:
    with db.read() as session:
        return list_participants(session, workshop_id)


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Participant, Organisation, ParticipantType)
        }


def _state(db: Database, *, skip: str = "") -> list[tuple[object, ...]]:
    """Every participant column (but `skip`), to compare a database before and after."""
    with db.read() as session:
        return [
            tuple(getattr(p, c.key) for c in Participant.__table__.columns if c.key != skip)
            for p in session.scalars(select(Participant).order_by(Participant.id))
        ]


MIXED = parsed(
    row(
        2,
        "Mamadou Lamine",
        "Sarr",
        "Ministère de l'Intérieur",
        "Ministère",
        "ml.sarr@interieur.example.sn",
        function="Chef de cellule",
        gender="M",
        phone="77 642 88 74",
    ),
    row(
        3,
        "Awa",
        "N'DIAYE",
        "OIM",
        "Organisation internationale",
        "awa.ndiaye@oim.example.int",
        gender="F",
    ),
    row(4, "Ousmane", "Faye", "Jàmm ONG", "OSC"),
    row(5, "Khady", "Sène", "RTS", "Presse", "k.sene@rts.example.sn"),
)


# ----------------------------------------------------------------------------- merging


def test_new_rows_are_imported_with_badges_organisations_and_types(db: Database) -> None:
    workshop_id = _workshop(db)
    report = _import(db, workshop_id, MIXED)
    assert (report.imported, report.updated, report.unchanged) == (4, 0, 0)
    assert report.new_types == [] and report.skipped == []
    people = {v.last_name: v for v in _people(db, workshop_id)}
    assert set(people) == {"Sarr", "N'DIAYE", "Faye", "Sène"}
    sarr = people["Sarr"]
    assert (
        sarr.first_name,
        sarr.organisation,
        sarr.function,
        sarr.gender,
        sarr.email,
        sarr.phone,
    ) == (
        "Mamadou Lamine",
        "Ministère de l'Intérieur",
        "Chef de cellule",
        "M",
        "ml.sarr@interieur.example.sn",
        "77 642 88 74",
    )
    assert all(TOKEN.fullmatch(v.badge) for v in people.values())
    assert len({v.badge for v in people.values()}) == 4
    with db.read() as session:
        sarr_row = session.get(Participant, sarr.id)
        assert sarr_row is not None
        assert sarr_row.name_key == "lamine mamadou sarr"
        assert sarr_row.email_key == "ml.sarr@interieur.example.sn"


def test_categories_map_to_existing_types(db: Database) -> None:
    workshop_id = _workshop(db)
    _import(db, workshop_id, MIXED)
    categories = {v.last_name: v.category for v in _people(db, workshop_id)}
    assert categories == {
        "Sarr": "Ministères",
        "N'DIAYE": "Organisations internationales",
        "Faye": "Société civile",
        "Sène": "Médias",
    }


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("MINISTÈRES", "Ministères"),
        ("ministry", "Ministères"),
        ("Ambassade", "Ambassades"),
        ("ONG", "Société civile"),
        ("Secteur privé", "Secteur privé"),
        ("Journaliste", "Médias"),
        ("Diaspora", "Migrants circulaires"),
        ("PTF", "Organisations internationales"),
    ],
)
def test_category_words_organisers_use(db: Database, category: str, expected: str) -> None:
    workshop_id = _workshop(db)
    report = _import(db, workshop_id, parsed(row(2, "Awa", "Ba", category=category)))
    assert report.new_types == []
    assert [v.category for v in _people(db, workshop_id)] == [expected]


def test_an_unknown_category_creates_one_new_type(db: Database) -> None:
    workshop_id = _workshop(db)
    data = parsed(
        row(2, "Awa", "Ba", "Commune de Thiès", "Collectivité locale"),
        row(3, "Ibou", "Fall", "Commune de Mbour", "  COLLECTIVITÉ   locale "),
        row(4, "Anta", "Gaye", "MAESE", "Ministère"),
    )
    report = _import(db, workshop_id, data)
    assert report.new_types == ["Collectivité locale"]
    assert report.to_json()["new_types"] == ["Collectivité locale"]
    with db.read() as session:
        types = session.scalars(
            select(ParticipantType)
            .where(ParticipantType.workshop_id == workshop_id)
            .order_by(ParticipantType.position)
        ).all()
        assert len(types) == 8
        created = types[-1]
        assert created.name == "Collectivité locale" and created.position == 7
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", created.colour)
        assert created.key not in {t.key for t in types[:-1]}
    categories = {v.last_name: v.category for v in _people(db, workshop_id)}
    assert categories == {
        "Ba": "Collectivité locale",
        "Fall": "Collectivité locale",
        "Gaye": "Ministères",
    }
    # The next import finds the type it created.
    again = _import(db, workshop_id, parsed(row(2, "Modou", "Kane", "", "collectivite locale")))
    assert again.new_types == []
    assert {v.category for v in _people(db, workshop_id) if v.last_name == "Kane"} == {
        "Collectivité locale"
    }


def test_same_email_in_another_case_updates_the_registered_person(db: Database) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        first = add_participant(
            session,
            workshop_id,
            ParticipantInput(
                "Awa", "Ndiaye", organisation="OIM", email="awa.ndiaye@oim.example.int"
            ),
        )
        badge, person_id = first.badge_token, first.id
    report = _import(
        db,
        workshop_id,
        parsed(
            row(
                2,
                "Awa",
                "Ndiaye",
                "OIM Sénégal",
                "",
                "AWA.NDIAYE@OIM.EXAMPLE.INT",
                phone="+221 77 000 11 22",
            )
        ),
    )
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 0)
    (view,) = _people(db, workshop_id)
    assert (view.id, view.badge) == (person_id, badge)
    assert view.phone == "+221 77 000 11 22"
    assert view.organisation == "OIM Sénégal"
    with db.read() as session:
        assert session.get(Participant, person_id).email_key == "awa.ndiaye@oim.example.int"  # type: ignore[union-attr]


def test_same_name_in_another_order_and_same_organisation_is_merged(db: Database) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        person_id = add_participant(
            session,
            workshop_id,
            ParticipantInput("Mamadou Lamine", "Sarr", organisation="Ministère de l'Intérieur"),
        ).id
    report = _import(
        db,
        workshop_id,
        parsed(
            row(
                2,
                "SARR",
                "Mamadou-Lamine",
                "MINISTERE DE L’INTERIEUR",
                "",
                function="Chef de cellule",
            )
        ),
    )
    assert (report.imported, report.updated) == (0, 1)
    (view,) = _people(db, workshop_id)
    assert view.id == person_id and view.function == "Chef de cellule"
    assert view.organisation == "Ministère de l'Intérieur"


def test_same_name_in_another_organisation_is_another_person(db: Database) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        add_participant(
            session,
            workshop_id,
            ParticipantInput("Moussa", "Diop", organisation="Ministère de la Santé"),
        )
    report = _import(db, workshop_id, parsed(row(2, "Moussa", "Diop", "Port autonome de Dakar")))
    assert (report.imported, report.updated, report.unchanged) == (1, 0, 0)
    people = _people(db, workshop_id)
    assert sorted(v.organisation for v in people) == [
        "Ministère de la Santé",
        "Port autonome de Dakar",
    ]
    assert len({v.badge for v in people}) == 2


def test_same_email_in_another_workshop_is_another_registration(db: Database) -> None:
    first, second = _workshop(db), _workshop(db, "Atelier de Thiès")
    data = parsed(row(2, "Awa", "Ndiaye", "OIM", "", "awa@oim.example.int"))
    assert _import(db, first, data).imported == 1
    assert _import(db, second, data).imported == 1
    assert len(_people(db, first)) == len(_people(db, second)) == 1
    assert _people(db, first)[0].badge != _people(db, second)[0].badge


def test_a_second_identical_import_changes_nothing(db: Database) -> None:
    workshop_id = _workshop(db)
    with_unknown = parsed(
        *MIXED.rows,
        row(6, "Awa", "Ba", "Commune de Thiès", "Collectivité locale", notes="végétarienne"),
    )
    _import(db, workshop_id, with_unknown)
    before, counts = _state(db), _counts(db)
    report = _import(db, workshop_id, with_unknown)
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 5)
    assert report.new_types == []
    assert _state(db) == before
    assert _counts(db) == counts


def test_the_same_person_twice_in_one_file_is_one_participant(db: Database) -> None:
    workshop_id = _workshop(db)
    data = parsed(
        row(2, "Awa", "Ndiaye", "OIM", "OI", "awa.ndiaye@oim.example.int"),
        row(3, "NDIAYE", "Awa", "oim", "", "", phone="77 111 22 33"),
        row(4, "Awa", "Ndiaye", "", "", "Awa.Ndiaye@oim.example.int", notes="interprète"),
    )
    report = _import(db, workshop_id, data)
    assert (report.imported, report.updated, report.unchanged) == (1, 0, 0)
    (view,) = _people(db, workshop_id)
    assert view.phone == "77 111 22 33"
    assert view.email.lower() == "awa.ndiaye@oim.example.int"
    assert view.organisation == "OIM" and view.notes == "interprète"
    assert view.category == "Organisations internationales"


def test_reimporting_a_file_that_lists_one_person_twice_reports_no_update(db: Database) -> None:
    # BUG (store/importing.py, _Person.merge / import_participants): when one file lists a
    # person twice with different details (two phone numbers, or the e-mail in another case),
    # each import applies the first row, marks the person `changed` and counts it « updated »,
    # then the second row puts the value back silently: re-importing the unchanged file reports
    # « 1 mis à jour » forever and rewrites the row. Fix: snapshot `values()` when a registered
    # person is loaded and count/update only when the final values differ from it.
    workshop_id = _workshop(db)
    data = parsed(
        row(2, "Awa", "Ndiaye", "OIM", "", "awa.ndiaye@oim.example.int", phone="77 111 11 11"),
        row(3, "Awa", "Ndiaye", "OIM", "", "AWA.NDIAYE@oim.example.int", phone="78 222 22 22"),
    )
    assert _import(db, workshop_id, data).imported == 1
    before = _state(db, skip="updated_at")
    report = _import(db, workshop_id, data)
    assert _state(db, skip="updated_at") == before
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 1)


def test_skipped_rows_are_reported_and_progress_is_given(db: Database) -> None:
    workshop_id = _workshop(db)
    skipped = (SkippedRow(7, "aucun nom sur cette ligne"),)
    calls: list[tuple[int, int]] = []
    with db.write() as session:
        report = import_participants(
            session,
            workshop_id,
            parsed(*MIXED.rows, skipped=skipped),
            progress=lambda done, total: calls.append((done, total)),
        )
    assert report.skipped == [SkippedRow(7, "aucun nom sur cette ligne")]
    assert report.to_json() == {
        "imported": 4,
        "updated": 0,
        "unchanged": 0,
        "skipped": [{"line": 7, "reason": "aucun nom sur cette ligne"}],
        "new_types": [],
        "categories": [
            {"value": "Ministère", "count": 1, "type": "Ministères", "new": False},
            {
                "value": "Organisation internationale",
                "count": 1,
                "type": "Organisations internationales",
                "new": False,
            },
            {"value": "OSC", "count": 1, "type": "Société civile", "new": False},
            {"value": "Presse", "count": 1, "type": "Médias", "new": False},
        ],
    }
    # Each row counts twice, matched then written; the bar only moves forward.
    assert calls[0] == (0, 8) and calls[-1] == (8, 8)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert describe(report, dry_run=False) == (
        "4 participants ajoutés, 0 mis à jour, 0 déjà à jour, 1 ligne ignorée."
    )
    assert describe(report, dry_run=True).startswith("Essai, rien n’a été enregistré")


@pytest.mark.parametrize(
    ("counts", "french", "english"),
    [
        (
            (0, 0, 0, 0),
            "0 participant ajouté, 0 mis à jour, 0 déjà à jour, 0 ligne ignorée.",
            "0 participants added, 0 updated, 0 already up to date, 0 lines skipped.",
        ),
        (
            (1, 1, 1, 1),
            "1 participant ajouté, 1 mis à jour, 1 déjà à jour, 1 ligne ignorée.",
            "1 participant added, 1 updated, 1 already up to date, 1 line skipped.",
        ),
        (
            (5, 2, 3, 2),
            "5 participants ajoutés, 2 mis à jour, 3 déjà à jour, 2 lignes ignorées.",
            "5 participants added, 2 updated, 3 already up to date, 2 lines skipped.",
        ),
    ],
)
def test_describe_says_each_count_with_its_own_plural(
    counts: tuple[int, int, int, int], french: str, english: str
) -> None:
    imported, updated, unchanged, skipped = counts
    report = importing.ImportReport(
        imported=imported,
        updated=updated,
        unchanged=unchanged,
        skipped=[SkippedRow(line, "aucun nom sur cette ligne") for line in range(2, 2 + skipped)],
    )
    assert describe(report, dry_run=False) == french
    assert "(s)" not in describe(report, dry_run=True)
    set_language("en")
    assert describe(report, dry_run=False) == english


# ------------------------------------------------------------------ spelling of merged names


@pytest.mark.parametrize(
    ("registered", "listed", "kept"),
    [
        ("GUÈYE", "gueye", "GUÈYE"),  # the accent is kept
        ("gueye", "GUÈYE", "GUÈYE"),
        ("Gueye", "GUÈYE", "GUÈYE"),  # accents first, then case
        ("Guèye", "GUÈYE", "Guèye"),  # as many accents: mixed case wins
        ("GUÈYE", "Guèye", "Guèye"),
        ("Mamadou", "mamadou", "Mamadou"),
        ("mamadou", "Mamadou", "Mamadou"),
        ("Ndiaye", "N'DIAYE", "Ndiaye"),
        ("N'DIAYE", "N’Diaye", "N’Diaye"),
        ("Diatta", "DIATTA", "Diatta"),
        ("DIATTA", "diatta", "DIATTA"),  # neither is better: the registered one stays
        ("Ndiaye", "Sow", "Sow"),  # another name: the list wins
        ("Cisse", "Cissé", "Cissé"),
        ("", "Awa", "Awa"),
    ],
)
def test_better_spelling(registered: str, listed: str, kept: str) -> None:
    assert importing.better_spelling(registered, listed) == kept


@pytest.mark.parametrize(
    ("first_file", "second_file", "updated"),
    [
        (("Mamadou", "GUÈYE"), ("mamadou", "gueye"), 0),
        (("mamadou", "gueye"), ("Mamadou", "GUÈYE"), 1),
    ],
)
def test_a_later_import_keeps_the_better_spelling_of_a_name(
    db: Database, first_file: tuple[str, str], second_file: tuple[str, str], updated: int
) -> None:
    workshop_id = _workshop(db)
    _import(db, workshop_id, parsed(row(2, *first_file, "ANSD")))
    second = parsed(row(2, *second_file, "ANSD"))
    report = _import(db, workshop_id, second)
    assert (report.imported, report.updated) == (0, updated)
    (view,) = _people(db, workshop_id)
    assert (view.first_name, view.last_name) == ("Mamadou", "GUÈYE")
    again = _import(db, workshop_id, second)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)


def test_an_update_from_a_list_does_not_spoil_registered_names(db: Database) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        for first, last in (("Awa", "Ndiaye"), ("Aminata", "Diatta"), ("ousmane", "N'DIAYE")):
            add_participant(session, workshop_id, ParticipantInput(first, last, organisation="OIM"))
    data = parsed(
        row(2, "AWA", "N'DIAYE", "OIM", phone="77 111 11 11"),
        row(3, "Aminata", "DIATTA", "OIM", function="Juriste"),
        row(4, "Ousmane", "N'Diaye", "OIM"),
    )
    report = _import(db, workshop_id, data)
    assert (report.imported, report.updated, report.unchanged) == (0, 3, 0)
    names = {(v.first_name, v.last_name) for v in _people(db, workshop_id)}
    assert names == {("Awa", "Ndiaye"), ("Aminata", "Diatta"), ("Ousmane", "N'Diaye")}
    awa = next(v for v in _people(db, workshop_id) if v.first_name == "Awa")
    assert awa.phone == "77 111 11 11"
    again = _import(db, workshop_id, data)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)


def test_another_name_from_the_list_still_replaces_the_registered_one(db: Database) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        add_participant(
            session,
            workshop_id,
            ParticipantInput("Awa", "Ndiaye", organisation="OIM", email="awa@oim.example.int"),
        )
    report = _import(
        db, workshop_id, parsed(row(2, "Awa", "SOW", "OIM", "", "awa@oim.example.int"))
    )
    assert report.updated == 1
    (view,) = _people(db, workshop_id)
    assert (view.first_name, view.last_name) == ("Awa", "SOW")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_one_person_twice_in_a_file_keeps_the_better_spelling(
    db: Database, order: tuple[int, int]
) -> None:
    workshop_id = _workshop(db)
    rows = (row(2, "Mamadou", "GUÈYE", "ANSD"), row(3, "mamadou", "gueye", "ANSD"))
    data = parsed(*(rows[index] for index in order))
    report = _import(db, workshop_id, data)
    assert (report.imported, report.updated, report.unchanged) == (1, 0, 0)
    (view,) = _people(db, workshop_id)
    assert (view.first_name, view.last_name) == ("Mamadou", "GUÈYE")
    before = _state(db, skip="updated_at")
    again = _import(db, workshop_id, data)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert _state(db, skip="updated_at") == before


# ----------------------------------------------------------------------------- import_into


def test_dry_run_writes_nothing_and_takes_no_backup(db: Database) -> None:
    assert db.path is not None
    workshop_id = _workshop(db)
    counts = _counts(db)
    data = parsed(*MIXED.rows, row(6, "Awa", "Ba", "Commune", "Collectivité locale"))
    report = import_into(db, workshop_id, data, dry_run=True)
    assert (report.imported, report.updated) == (5, 0)
    assert report.new_types == ["Collectivité locale"]
    assert _counts(db) == counts
    assert _people(db, workshop_id) == []
    assert list_backups(db.path) == []


def test_import_takes_a_backup_first_then_commits(db: Database) -> None:
    assert db.path is not None
    workshop_id = _workshop(db)
    with db.write() as session:
        add_participant(session, workshop_id, ParticipantInput("Ndeye", "Fall"))
    report = import_into(db, workshop_id, MIXED)
    assert report.imported == 4
    assert len(_people(db, workshop_id)) == 5
    (backup,) = list_backups(db.path)
    assert "before-import" in backup.name
    # The backup holds the database as it was before the import.
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (1,)
    finally:
        conn.close()
    # Committed: a fresh connection sees the rows.
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("SELECT count(*) FROM participants").fetchone() == (5,)
    finally:
        conn.close()


def test_a_failure_in_the_middle_leaves_the_database_unchanged(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop_id = _workshop(db)
    with db.write() as session:
        add_participant(
            session,
            workshop_id,
            ParticipantInput("Awa", "Ndiaye", organisation="OIM", email="awa@oim.example.int"),
        )
    before, counts = _state(db), _counts(db)
    calls = 0

    def failing_token(workshop: int) -> str:
        nonlocal calls
        calls += 1
        if calls > 2:
            raise RuntimeError("disque plein")
        return badges.new_token(workshop)

    monkeypatch.setattr(importing, "new_token", failing_token)
    data = parsed(
        row(2, "Awa", "Ndiaye", "OIM Dakar", "", "awa@oim.example.int", phone="77 000 00 01"),
        *MIXED.rows,
        row(6, "Awa", "Ba", "Commune de Thiès", "Collectivité locale"),
    )
    with pytest.raises(RuntimeError, match="disque plein"):
        import_into(db, workshop_id, data)
    assert calls == 3  # two people were added in the session before the failure
    assert _state(db) == before
    assert _counts(db) == counts


# ----------------------------------------------------------------------------- end to end


CSV_LINES = [
    "Liste des participants;;;;;;;;",
    ";;;;;;;;",
    "N°;Nom;Prénom;Structure;Fonction;Catégorie;Sexe;E-mail;Téléphone",
    "1;N'DIAYE;Awa;Ministère de l'Intérieur;Chargée d'études;Ministère;F;"
    "Awa.Ndiaye@interieur.example.sn;77 123 45 67",
    "2;Cissé;Aminata;OIM;Assistante de programme;Organisation internationale;Femme;"
    "a.cisse@oim.example.int;",
    "3;Sène;Ibrahima;Radio Futurs Médias;Journaliste;Presse;H;;+221 76 555 44 33",
    "4;;;;;;;;",
    "5;;;Ministère de l'Intérieur;;;;;",
    "6;Faye;Ousmane;Commune de Mbour;Maire adjoint;Collectivité locale;M;;",
    "7;N'DIAYE;Awa;MINISTERE DE L'INTERIEUR;;;;Awa.Ndiaye@interieur.example.sn;",
]


def test_a_windows_csv_goes_all_the_way_to_the_participant_list(
    db: Database, tmp_path: Path
) -> None:
    assert db.path is not None
    workshop_id = _workshop(db)
    with db.write() as session:
        registered = add_participant(
            session,
            workshop_id,
            ParticipantInput(
                "Ibrahima",
                "Sène",
                organisation="Radio Futurs Médias",
                email="ibrahima.sene@rfm.example.sn",
            ),
        )
        registered_id, registered_badge = registered.id, registered.badge_token
    path = tmp_path / "participants.csv"
    path.write_bytes("\r\n".join(CSV_LINES).encode("cp1252") + b"\r\n")

    table, mapping = load_participant_file(path)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    data = parse_participants(table, mapping)
    assert [s.line for s in data.skipped] == [8]

    trial = import_into(db, workshop_id, data, dry_run=True)
    report = import_into(db, workshop_id, data)
    assert trial.to_json() == report.to_json()
    assert (report.imported, report.updated, report.unchanged) == (3, 1, 0)
    assert report.new_types == ["Collectivité locale"]
    assert report.to_json()["skipped"] == [{"line": 8, "reason": "aucun nom sur cette ligne"}]
    assert len(list_backups(db.path)) == 1

    people = {(v.first_name, v.last_name): v for v in _people(db, workshop_id)}
    assert set(people) == {
        ("Awa", "N'DIAYE"),
        ("Aminata", "Cissé"),
        ("Ibrahima", "Sène"),
        ("Ousmane", "Faye"),
    }
    awa = people[("Awa", "N'DIAYE")]
    assert (awa.organisation, awa.function, awa.category, awa.gender, awa.phone) == (
        "Ministère de l'Intérieur",
        "Chargée d'études",
        "Ministères",
        "F",
        "77 123 45 67",
    )
    assert awa.email == "Awa.Ndiaye@interieur.example.sn"
    aminata = people[("Aminata", "Cissé")]
    assert (aminata.organisation, aminata.category, aminata.gender) == (
        "OIM",
        "Organisations internationales",
        "F",
    )
    ibrahima = people[("Ibrahima", "Sène")]
    assert (ibrahima.id, ibrahima.badge) == (registered_id, registered_badge)
    assert (ibrahima.category, ibrahima.gender, ibrahima.phone) == (
        "Médias",
        "M",
        "+221 76 555 44 33",
    )
    assert people[("Ousmane", "Faye")].category == "Collectivité locale"
    assert all(TOKEN.fullmatch(v.badge) for v in people.values())
    assert [v.last_name for v in people.values() if "ndiaye" in v.search] == ["N'DIAYE"]
    assert [v.last_name for v in people.values() if fold("cisse") in v.search] == ["Cissé"]

    again = import_into(db, workshop_id, data)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 4)
