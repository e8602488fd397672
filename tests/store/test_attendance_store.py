"""The attendance sheet snapshot: name order, the day's check-ins, the day label, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from facilitator.core.text import fold
from facilitator.exports.tables import write_attendance_xlsx
from facilitator.i18n import set_language
from facilitator.store.attendance import (
    MAX_BLANK_ROWS,
    AttendanceInvalid,
    DayOutsideWorkshop,
    attendance_sheet,
    day_label,
)
from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.models import Participant
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import (
    WorkshopDetails,
    WorkshopNotFound,
    create_workshop,
    find_workshop,
)

M4SD = "m4sd-cloture-thies-2023"
FIRST, SECOND = dt.date(2025, 3, 25), dt.date(2025, 3, 26)


def _workshop(db: Database, people: list[tuple[str, str, str | None]]) -> tuple[int, list[int]]:
    with db.write() as session:
        workshop = create_workshop(
            session,
            WorkshopDetails(
                "Atelier de validation",
                FIRST,
                SECOND,
                venue="Hôtel Océan",
                city="Dakar",
                organisers="OIM Sénégal",
            ),
        )
        ids = [
            add_participant(
                session,
                workshop.id,
                ParticipantInput(first, last, organisation="ANSD", gender=gender),
            ).id
            for last, first, gender in people
        ]
        return workshop.id, ids


def test_demo_day_lists_everyone_in_folded_name_order_with_their_check_in(
    demo_db: Database,
) -> None:
    with demo_db.read() as session:
        workshop_id = find_workshop(session, M4SD).id
        sheet = attendance_sheet(session, workshop_id, dt.date(2023, 10, 27), blank_rows=5)
        by_default = attendance_sheet(session, workshop_id)  # a one-day workshop: that day
    assert by_default.rows == sheet.rows and by_default.day == dt.date(2023, 10, 27)
    assert sheet.workshop_title.startswith("Atelier de clôture du Programme M4SD")
    assert sheet.venue == "Hôtel BIG FAIM, Thiès"
    assert "Organisation internationale pour les migrations (OIM)" in sheet.organisers
    assert sheet.day_label == "Vendredi 27 octobre 2023"
    assert sheet.blank_rows == 5
    assert len(sheet.rows) == 60
    assert [row.number for row in sheet.rows] == list(range(1, 61))
    keys = [(fold(row.last_name), fold(row.first_name)) for row in sheet.rows]
    assert keys == sorted(keys)
    present = [row for row in sheet.rows if row.checked_in_at is not None]
    assert len(present) == 52
    first = min(present, key=lambda row: row.checked_in_at or dt.datetime.max)
    assert first.checked_in_at is not None
    assert first.checked_in_at.strftime("%H:%M") == "08:05" and first.desk == "Poste 1"
    assert first.checked_in_at.utcoffset() == dt.timedelta(0)  # Dakar time
    assert all(row.checked_in_at.date() == sheet.day for row in present if row.checked_in_at)
    assert {row.gender for row in sheet.rows} <= {"F", "M", ""}


def test_accents_and_case_do_not_change_the_order(db: Database) -> None:
    workshop_id, _ids = _workshop(
        db,
        [
            ("Cissokho", "Mariama", "F"),
            ("diop", "Lamine", "M"),
            ("Cissé", "Fatou", "F"),
            ("Ciss", "Ousmane", "M"),
            ("N'Diaye", "Awa", "F"),
            ("Ndao", "Ibrahima", None),
            ("Diallo", "Aïssatou", "F"),
            ("Cissé", "Abdou", "M"),
        ],
    )
    with db.read() as session:
        sheet = attendance_sheet(session, workshop_id, FIRST)
    assert [(row.last_name, row.first_name) for row in sheet.rows] == [
        ("Ciss", "Ousmane"),
        ("Cissé", "Abdou"),
        ("Cissé", "Fatou"),
        ("Cissokho", "Mariama"),
        ("Diallo", "Aïssatou"),
        ("diop", "Lamine"),
        ("Ndao", "Ibrahima"),
        ("N'Diaye", "Awa"),
    ]
    assert [row.number for row in sheet.rows] == list(range(1, 9))
    assert sheet.rows[6].gender == ""
    assert sheet.venue == "Hôtel Océan, Dakar" and sheet.organisers == "OIM Sénégal"


def test_each_day_shows_only_that_day_check_ins(db: Database) -> None:
    workshop_id, (awa, bara) = _workshop(db, [("Sow", "Awa", "F"), ("Fall", "Bara", "M")])
    check_in(db, workshop_id, awa, "Poste 1", now=dt.datetime(2025, 3, 25, 8, 42))
    check_in(db, workshop_id, bara, "Poste 2", now=dt.datetime(2025, 3, 26, 9, 5))
    check_in(db, workshop_id, awa, "Poste 2", now=dt.datetime(2025, 3, 26, 9, 30))
    with db.read() as session:
        first = attendance_sheet(session, workshop_id, FIRST)
        second = attendance_sheet(session, workshop_id, SECOND)
    times = {
        day: {row.first_name: row.checked_in_at for row in sheet.rows}
        for day, sheet in ((FIRST, first), (SECOND, second))
    }
    assert times[FIRST]["Bara"] is None
    awa_first = times[FIRST]["Awa"]
    assert awa_first is not None and awa_first.strftime("%H:%M") == "08:42"
    assert [t.strftime("%H:%M") for t in (times[SECOND]["Bara"], times[SECOND]["Awa"]) if t] == [
        "09:05",
        "09:30",
    ]
    assert first.day_label == "Mardi 25 mars 2025" and second.day_label == "Mercredi 26 mars 2025"
    assert [row.desk for row in second.rows] == ["Poste 2", "Poste 2"]


def test_a_day_outside_the_workshop_is_refused_naming_its_days(db: Database) -> None:
    workshop_id, _ids = _workshop(db, [("Sow", "Awa", "F")])
    with db.read() as session, pytest.raises(DayOutsideWorkshop) as caught:
        attendance_sheet(session, workshop_id, dt.date(2025, 3, 27))
    message = str(caught.value)
    assert "2025-03-27 n’est pas un jour de l’atelier" in message
    assert "«\u00a0Atelier de validation\u00a0»" in message
    assert "2025-03-25, 2025-03-26" in message
    assert isinstance(caught.value, ValueError)


def test_blank_rows_are_kept_within_reason(db: Database) -> None:
    workshop_id, _ids = _workshop(db, [("Sow", "Awa", "F")])
    with db.read() as session:
        assert attendance_sheet(session, workshop_id, FIRST, MAX_BLANK_ROWS).blank_rows == 500
        for wrong in (-1, MAX_BLANK_ROWS + 1):
            with pytest.raises(AttendanceInvalid, match="lignes vierges"):
                attendance_sheet(session, workshop_id, FIRST, wrong)


def test_an_unknown_workshop_is_refused(db: Database) -> None:
    with db.read() as session, pytest.raises(WorkshopNotFound):
        attendance_sheet(session, 9999)


def test_an_empty_workshop_gives_an_empty_sheet(db: Database) -> None:
    workshop_id, _ids = _workshop(db, [])
    with db.read() as session:
        sheet = attendance_sheet(session, workshop_id, SECOND, blank_rows=20)
    assert sheet.rows == () and sheet.blank_rows == 20


def test_day_labels_in_french_and_english() -> None:
    assert day_label(dt.date(2025, 3, 25)) == "Mardi 25 mars 2025"
    assert day_label(dt.date(2025, 3, 1)) == "Samedi 1er mars 2025"
    assert day_label(dt.date(2023, 8, 14)) == "Lundi 14 août 2023"
    set_language("en")
    assert day_label(dt.date(2025, 3, 25)) == "Tuesday 25 March 2025"
    assert day_label(dt.date(2025, 3, 1)) == "Saturday 1st March 2025"


def test_a_control_character_stored_in_a_name_does_not_reach_the_sheet(
    db: Database, tmp_path: Path
) -> None:
    workshop_id, ids = _workshop(db, [("Sow", "Ali", "M")])
    with db.write() as session:  # as an older version may have stored it
        session.get(Participant, ids[0]).last_name = "SOW\x07\x0cBA"
    with db.read() as session:
        sheet = attendance_sheet(session, workshop_id, FIRST)
    assert sheet.rows[0].last_name == "SOW\nBA"
    out = tmp_path / "emargement.xlsx"
    write_attendance_xlsx(out, sheet, None)
    assert any(
        "SOW\nBA" in row for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)
    )
