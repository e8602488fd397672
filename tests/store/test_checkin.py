"""Check-ins at the desk (facilitator.store.checkin): once per person and day, never wrongly.

The AZERTY transposition is CONTRACT.md's table, written here independently of the module.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from facilitator.core.badges import new_token
from facilitator.i18n import set_language
from facilitator.store.checkin import (
    ALREADY,
    CHECKED_IN,
    NO_LONGER_REGISTERED,
    NOT_A_BADGE,
    OTHER_WORKSHOP,
    OUTSIDE_DATES,
    REJECTED,
    UNKNOWN_BADGE,
    check_in,
    presence_counts,
    scan,
    undo_check_in,
)
from facilitator.store.database import Database, open_database
from facilitator.store.models import CheckIn, ParticipantType
from facilitator.store.participants import ParticipantInput, add_participant, delete_participants
from facilitator.store.workshops import WorkshopDetails, create_workshop
from tests.azerty import azerty, unazerty

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

FIRST_DAY = dt.date(2025, 3, 25)
LAST_DAY = dt.date(2025, 3, 27)


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A naive UTC instant in March 2025, as the store takes them."""
    return dt.datetime(2025, 3, day, hour, minute)


@dataclass
class Event:
    db: Database
    workshop: int  # « Atelier de Dakar », Africa/Dakar, 25–27 March 2025
    other: int  # « Atelier de Saint-Louis »
    people: dict[str, tuple[int, str]]  # last name -> (participant id, badge token)
    strangers: dict[str, tuple[int, str]]  # participants of the other workshop
    types: dict[str, int]  # type key -> id, in the workshop


def _count(db: Database, participant_id: int | None = None) -> int:
    with db.read() as session:
        query = select(func.count()).select_from(CheckIn)
        if participant_id is not None:
            query = query.where(CheckIn.participant_id == participant_id)
        return session.scalar(query) or 0


def _rows(db: Database) -> set[tuple[int, dt.date, dt.datetime, str]]:
    with db.read() as session:
        return {
            (row.participant_id, row.day, row.checked_in_at, row.desk)
            for row in session.scalars(select(CheckIn))
        }


def _make_workshop(db: Database, title: str, timezone: str = "Africa/Dakar") -> int:
    with db.write() as session:
        details = WorkshopDetails(title, FIRST_DAY, LAST_DAY, timezone=timezone)
        return create_workshop(session, details).id


def _build_event(db: Database) -> Event:
    workshop = _make_workshop(db, "Atelier de Dakar")
    other = _make_workshop(db, "Atelier de Saint-Louis")
    with db.write() as session:
        types = {
            t.key: t.id
            for t in session.scalars(
                select(ParticipantType).where(ParticipantType.workshop_id == workshop)
            )
        }
        people_spec = [
            ("Awa", "Diop", "ministry", "F", "Ministère de l'Intérieur"),
            ("Moussa", "Fall", "ministry", "M", "Ministère des Finances"),
            ("Fatou", "Ndiaye", "civil_society", "F", "ONG Jamra"),
            ("Cheikh", "Sow", "media", "M", "RTS"),
            ("Khady", "Ba", None, None, ""),
        ]
        people = {}
        for first, last, key, gender, org in people_spec:
            p = add_participant(
                session,
                workshop,
                ParticipantInput(
                    first, last, org, type_id=types[key] if key else None, gender=gender
                ),
            )
            people[last] = (p.id, p.badge_token)
        strangers = {}
        for first, last in [("Ousmane", "Sarr"), ("Mariama", "Thiam")]:
            p = add_participant(session, other, ParticipantInput(first, last, gender="M"))
            strangers[last] = (p.id, p.badge_token)
    return Event(db, workshop, other, people, strangers, types)


@pytest.fixture(scope="module")
def _event_template(
    tmp_path_factory: pytest.TempPathFactory, _empty_template: Path
) -> tuple[Path, Event]:
    """The event built once per module (French type names); each test gets a copy."""
    set_language("fr")
    path = tmp_path_factory.mktemp("checkin") / "event.sqlite3"
    shutil.copyfile(_empty_template, path)
    db = open_database(path)
    event = _build_event(db)
    db.dispose()
    return path, event


@pytest.fixture
def event(tmp_path: Path, _event_template: tuple[Path, Event]) -> Iterator[Event]:
    template, built = _event_template
    path = tmp_path / "event.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    yield replace(built, db=db)
    db.dispose()


# --- one scan, two scans --------------------------------------------------------------------


def test_a_scan_checks_in_once_then_says_already_with_time_and_desk(event: Event) -> None:
    pid, token = event.people["Diop"]
    instant = dt.datetime(2025, 3, 25, 8, 42, 17, 654321)
    first = scan(event.db, event.workshop, token, desk="Poste 1", now=instant)
    assert first.status == CHECKED_IN
    assert first.participant is not None and first.participant.id == pid
    assert first.participant.badge == token
    assert first.desk == "Poste 1"
    assert first.day == FIRST_DAY
    assert first.checked_in_at == dt.datetime(2025, 3, 25, 8, 42, 17, tzinfo=dt.UTC)
    assert first.checked_in_at.utcoffset() == dt.timedelta(0)  # Dakar is UTC+0
    assert first.participant.checked_in_at == first.checked_in_at
    stored = {(pid, FIRST_DAY, dt.datetime(2025, 3, 25, 8, 42, 17), "Poste 1")}
    assert _rows(event.db) == stored

    again = scan(event.db, event.workshop, token, desk="Poste 2", now=utc(25, 9, 5))
    assert again.status == ALREADY
    assert again.participant is not None and again.participant.id == pid
    assert "08:42" in again.reason and "Poste 1" in again.reason
    assert again.desk == "Poste 1"  # where it happened, not where it was scanned again
    assert again.checked_in_at == first.checked_in_at
    # The second scan changes nothing: same single row, same time, same desk.
    assert _rows(event.db) == stored


def test_already_without_a_desk_still_gives_the_time(event: Event) -> None:
    _pid, token = event.people["Fall"]
    assert scan(event.db, event.workshop, token, now=utc(25, 7, 58)).status == CHECKED_IN
    again = scan(event.db, event.workshop, token, desk="Poste 3", now=utc(25, 8, 1))
    assert again.status == ALREADY and "07:58" in again.reason


def test_each_workshop_day_has_its_own_check_in(event: Event) -> None:
    pid, token = event.people["Ndiaye"]
    for day in (25, 26, 27):
        assert scan(event.db, event.workshop, token, now=utc(day, 8)).status == CHECKED_IN
        assert scan(event.db, event.workshop, token, now=utc(day, 12)).status == ALREADY
    assert {row[1] for row in _rows(event.db)} == {
        FIRST_DAY,
        dt.date(2025, 3, 26),
        LAST_DAY,
    }
    assert _count(event.db, pid) == 3


@pytest.mark.parametrize(
    "dress",
    [
        lambda t: azerty(t),
        lambda t: azerty(t) + "\r\n",
        lambda t: "\x02" + azerty("]Q1" + t) + "\x03\r\n",
        lambda t: "  " + t + "\r\n",
        lambda t: "]Q1" + t + "\r",
        lambda t: "\t" + t + "\t",
    ],
    ids=["azerty", "azerty-crlf", "azerty-stx-prefix", "spaces-crlf", "prefix-cr", "tabs"],
)
def test_what_a_scanner_types_checks_in_the_same_person(
    event: Event, dress: Callable[[str], str]
) -> None:
    pid, token = event.people["Sow"]
    typed = dress(token)
    assert typed != token
    result = scan(event.db, event.workshop, typed, desk="Poste 1", now=utc(25, 8))
    assert result.status == CHECKED_IN
    assert result.participant is not None and result.participant.id == pid
    assert _count(event.db) == 1
    # The plain badge afterwards is the same person: already there.
    assert scan(event.db, event.workshop, token, now=utc(25, 9)).status == ALREADY


def test_an_azerty_scan_of_every_participant(event: Event) -> None:
    for last, (pid, token) in event.people.items():
        result = scan(event.db, event.workshop, azerty(token) + "\r\n", now=utc(26, 8))
        assert result.status == CHECKED_IN, last
        assert result.participant is not None and result.participant.id == pid
    assert _count(event.db) == len(event.people)


# --- refused --------------------------------------------------------------------------------


def test_a_forged_badge_is_refused_and_nobody_is_checked_in(event: Event) -> None:
    for _ in range(20):
        forged = new_token(event.workshop)  # the right format, for the right workshop
        result = scan(event.db, event.workshop, forged, desk="Poste 1", now=utc(25, 8))
        assert result.status == REJECTED
        assert result.participant is None and result.checked_in_at is None
        assert result.reason
    assert _count(event.db) == 0


def test_a_badge_altered_by_one_character_is_refused(event: Event) -> None:
    _pid, token = event.people["Diop"]
    rng = random.Random(3)
    altered_tokens = []
    prefix, body = token.split("-")
    for i in range(len(body)):
        replacement = rng.choice([c for c in BASE32 if c != body[i]])
        altered_tokens.append(f"{prefix}-{body[:i]}{replacement}{body[i + 1 :]}")
    altered_tokens.append(f"F{event.other}-{body}")  # the workshop number changed
    altered_tokens.append(token[:-1])  # one character missing
    altered_tokens.append(f"{prefix}-{body[1:]}A")  # shifted
    for altered in altered_tokens:
        assert altered != token
        result = scan(event.db, event.workshop, altered, now=utc(25, 8))
        assert result.status == REJECTED, altered
        assert result.participant is None
    assert _count(event.db) == 0


def test_another_workshops_badge_is_refused_by_name(event: Event) -> None:
    _pid, token = event.strangers["Sarr"]
    for typed in (token, azerty(token) + "\r\n"):
        result = scan(event.db, event.workshop, typed, desk="Poste 1", now=utc(25, 8))
        assert result.status == REJECTED
        assert result.participant is None
        assert "Atelier de Saint-Louis" in result.reason
    assert _count(event.db) == 0


@pytest.mark.parametrize(
    "typed",
    ["", " ", "\r\n", "bonjour", "F1-", "F1-ABCDEF", "http://example.org/badge", "\x00" * 5],
)
def test_garbage_is_refused(event: Event, typed: str) -> None:
    result = scan(event.db, event.workshop, typed, now=utc(25, 8))
    assert result.status == REJECTED and result.participant is None and result.reason
    assert _count(event.db) == 0


def test_a_deleted_participants_badge_is_refused(event: Event) -> None:
    pid, token = event.people["Ba"]
    with event.db.write() as session:
        delete_participants(session, [pid])
    assert scan(event.db, event.workshop, token, now=utc(25, 8)).status == REJECTED
    assert check_in(event.db, event.workshop, pid, now=utc(25, 8)).status == REJECTED
    assert _count(event.db) == 0


def test_check_in_by_name_refuses_a_participant_of_another_workshop(event: Event) -> None:
    # BUG facilitator/store/checkin.py:105-126 (check_in): the participant id is inserted
    # without checking that the participant belongs to `workshop_id`, so a stale desk list (or
    # any caller) records a check-in for another workshop's participant, on a day computed from
    # the wrong workshop. Fix: in the write transaction, load the participant and return
    # _rejected(...) (naming its workshop, like _find_badge) when participant.workshop_id !=
    # workshop_id, before the insert.
    stranger, _token = event.strangers["Thiam"]
    result = check_in(event.db, event.workshop, stranger, desk="Poste 1", now=utc(25, 8))
    assert result.status == REJECTED
    assert _count(event.db) == 0


# --- which day ------------------------------------------------------------------------------


def test_the_day_is_the_workshop_day_in_its_own_time_zone(db: Database) -> None:
    paris = _make_workshop(db, "Atelier de Paris", timezone="Europe/Paris")
    with db.write() as session:
        token = add_participant(session, paris, ParticipantInput("Awa", "Diop")).badge_token
        token2 = add_participant(session, paris, ParticipantInput("Moussa", "Fall")).badge_token
    # 23:30 UTC on the 25th is 00:30 on the 26th in Paris (UTC+1 in March before the 30th).
    late = scan(db, paris, token, desk="Poste 1", now=utc(25, 23, 30))
    assert late.status == CHECKED_IN
    assert late.day == dt.date(2025, 3, 26)
    assert late.checked_in_at is not None
    assert late.checked_in_at.isoformat() == "2025-03-26T00:30:00+01:00"
    with db.read() as session:
        row = session.scalars(select(CheckIn)).one()
    assert row.day == dt.date(2025, 3, 26)
    assert row.checked_in_at == dt.datetime(2025, 3, 25, 23, 30)  # stored in UTC
    # The same person at 22:30 UTC on the 26th is still the 26th in Paris: already.
    assert scan(db, paris, token, now=utc(26, 22, 30)).status == ALREADY
    # 23:30 UTC on the 24th is the first day in Paris (00:30 on the 25th).
    early = scan(db, paris, token2, now=utc(24, 23, 30))
    assert early.status == CHECKED_IN and early.day == FIRST_DAY


def test_a_time_zone_west_of_utc_counts_for_the_previous_local_day(db: Database) -> None:
    west = _make_workshop(db, "Atelier de Praia", timezone="Atlantic/Cape_Verde")  # UTC-1
    with db.write() as session:
        token = add_participant(session, west, ParticipantInput("Awa", "Diop")).badge_token
    result = scan(db, west, token, now=utc(26, 0, 30))
    assert result.status == CHECKED_IN
    assert result.day == FIRST_DAY
    assert result.checked_in_at is not None
    assert result.checked_in_at.isoformat() == "2025-03-25T23:30:00-01:00"


def test_outside_the_dates_the_day_in_force_is_the_nearest_workshop_day(event: Event) -> None:
    _pid, token = event.people["Diop"]
    assert scan(event.db, event.workshop, token, now=utc(20, 9)).day == FIRST_DAY
    _pid, token = event.people["Fall"]
    assert scan(event.db, event.workshop, token, now=dt.datetime(2025, 4, 2, 9)).day == LAST_DAY


def test_outside_the_dates_a_desk_that_asks_first_records_nothing(event: Event) -> None:
    pid, token = event.people["Diop"]
    late = dt.datetime(2025, 4, 2, 9)
    held = scan(event.db, event.workshop, token, desk="Poste 1", now=late, allow_outside=False)
    assert held.status == OUTSIDE_DATES and held.cause == OUTSIDE_DATES
    assert held.participant is not None and held.participant.id == pid
    assert held.participant.checked_in_at is None
    assert held.day == LAST_DAY and held.today == dt.date(2025, 4, 2)
    assert held.checked_in_at is None
    assert _count(event.db) == 0
    by_name = check_in(event.db, event.workshop, pid, now=late, allow_outside=False)
    assert by_name.status == OUTSIDE_DATES
    assert _count(event.db) == 0
    # Within the dates nothing is held, and a refused badge is refused before any question.
    inside = scan(event.db, event.workshop, token, now=utc(26, 9), allow_outside=False)
    assert inside.status == CHECKED_IN and inside.day == dt.date(2025, 3, 26)
    forged = scan(event.db, event.workshop, "bonjour", now=late, allow_outside=False)
    assert forged.status == REJECTED and forged.cause == NOT_A_BADGE
    # Once the desk's agent said yes, the arrival counts for the nearest workshop day.
    agreed = scan(event.db, event.workshop, token, now=late, allow_outside=True)
    assert agreed.status == CHECKED_IN and agreed.day == LAST_DAY


def test_each_refusal_says_its_cause(event: Event) -> None:
    pid, token = event.people["Ba"]
    _sid, stranger = event.strangers["Sarr"]
    at = utc(25, 8)
    assert scan(event.db, event.workshop, "F1-", now=at).cause == NOT_A_BADGE
    forged = new_token(event.workshop)
    assert scan(event.db, event.workshop, forged, now=at).cause == UNKNOWN_BADGE
    assert scan(event.db, event.workshop, stranger, now=at).cause == OTHER_WORKSHOP
    with event.db.write() as session:
        delete_participants(session, [pid])
    assert check_in(event.db, event.workshop, pid, now=at).cause == NO_LONGER_REGISTERED
    assert "cause" not in scan(event.db, event.workshop, token, now=at).to_json()


# --- undo and counts ------------------------------------------------------------------------


def test_undo_then_scan_again_checks_in_again(event: Event) -> None:
    pid, token = event.people["Ndiaye"]
    first = scan(event.db, event.workshop, token, desk="Poste 1", now=utc(25, 8))
    assert first.status == CHECKED_IN and first.day == FIRST_DAY
    assert undo_check_in(event.db, pid, FIRST_DAY) is True
    assert _count(event.db) == 0
    assert undo_check_in(event.db, pid, FIRST_DAY) is False
    again = scan(event.db, event.workshop, token, desk="Poste 2", now=utc(25, 8, 5))
    assert again.status == CHECKED_IN
    assert _rows(event.db) == {(pid, FIRST_DAY, dt.datetime(2025, 3, 25, 8, 5), "Poste 2")}


def test_undo_takes_back_only_that_person_and_day(event: Event) -> None:
    pid, token = event.people["Diop"]
    other_pid, other_token = event.people["Fall"]
    scan(event.db, event.workshop, token, now=utc(25, 8))
    scan(event.db, event.workshop, token, now=utc(26, 8))
    scan(event.db, event.workshop, other_token, now=utc(25, 8))
    assert undo_check_in(event.db, pid, FIRST_DAY) is True
    assert {(row[0], row[1]) for row in _rows(event.db)} == {
        (pid, dt.date(2025, 3, 26)),
        (other_pid, FIRST_DAY),
    }


def test_presence_counts_in_total_by_type_and_by_gender(event: Event) -> None:
    for last in ("Diop", "Fall", "Sow"):
        assert scan(event.db, event.workshop, event.people[last][1], now=utc(25, 8)).status == (
            CHECKED_IN
        )
    scan(event.db, event.workshop, event.people["Ndiaye"][1], now=utc(26, 8))  # another day
    scan(event.db, event.workshop, event.strangers["Sarr"][1], now=utc(25, 8))  # refused
    check_in(event.db, event.other, event.strangers["Thiam"][0], now=utc(25, 8))  # other event
    with event.db.read() as session:
        counts = presence_counts(session, event.workshop, FIRST_DAY)
        day2 = presence_counts(session, event.workshop, dt.date(2025, 3, 26))
    assert counts.day == FIRST_DAY
    assert (counts.present, counts.registered) == (3, 5)
    by_type = {name: (present, registered) for name, _colour, present, registered in counts.by_type}
    assert by_type == {
        "Ministères": (2, 2),
        "Société civile": (0, 1),
        "Médias": (1, 1),
        "Sans type": (0, 1),
    }
    assert all(colour.startswith("#") for _n, colour, _p, _r in counts.by_type)
    assert counts.by_gender == {"F": (1, 2), "M": (2, 2), "": (0, 1)}
    assert (day2.present, day2.registered) == (1, 5)
    assert day2.by_gender == {"F": (1, 2), "M": (0, 2), "": (0, 1)}


# --- properties: whatever is typed ------------------------------------------------------------


def _contained_tokens(event: Event, typed: str) -> set[int]:
    """Participants of the workshop whose token is in the text, as typed or through AZERTY."""
    # Up to case: base32 ignores it, and a Caps Lock left on at the desk must still check in.
    typed, repaired = typed.upper(), unazerty(typed).upper()
    return {pid for pid, token in event.people.values() if token in typed or token in repaired}


def _check_one_scan(event: Event, typed: str) -> None:
    before = _rows(event.db)
    result = scan(event.db, event.workshop, typed, desk="Poste H", now=utc(25, 10))
    added = _rows(event.db) - before
    assert before <= _rows(event.db)  # nothing is ever removed or rewritten by a scan
    contained = _contained_tokens(event, typed)
    if result.status == CHECKED_IN:
        assert len(added) == 1
        (pid, _day, _at, _desk), *_ = added
        assert pid in contained
        assert result.participant is not None and result.participant.id == pid
    else:
        assert not added
    if not contained:
        assert result.status == REJECTED and result.participant is None


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text())
def test_any_typed_text_never_raises_nor_checks_in_wrongly(event: Event, typed: str) -> None:
    _check_one_scan(event, typed)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.from_regex(
        r"[\]\x02 \t]?F[0-9\u0660-\u0669]{1,3}[-)][A-Z2-7]{24,28}[\r\n\x03]{0,2}", fullmatch=True
    )
    | st.from_regex(r"F[1-3]-[A-Z2-7]{26}", fullmatch=True)
)
def test_near_tokens_never_check_in_wrongly(event: Event, typed: str) -> None:
    _check_one_scan(event, typed)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    which=st.sampled_from(["Diop", "Fall", "Ndiaye", "Sow", "Ba", "Sarr", "Thiam"]),
    how=st.sampled_from(["plain", "azerty", "altered", "altered-azerty", "cut"]),
    position=st.integers(0, 39),
    replacement=st.sampled_from(BASE32 + "aqzw0189-_"),
    before=st.text(max_size=4),
    after=st.text(max_size=4),
)
def test_real_badges_dressed_or_altered_never_check_in_the_wrong_person(
    event: Event, which: str, how: str, position: int, replacement: str, before: str, after: str
) -> None:
    token = (event.people | event.strangers)[which][1]
    if how.startswith("altered"):
        i = position % len(token)
        token = token[:i] + replacement + token[i + 1 :]
    elif how == "cut":
        token = token[: position % len(token)]
    if how.endswith("azerty"):
        token = azerty(token)
    _check_one_scan(event, before + token + after)
