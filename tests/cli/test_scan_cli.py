"""`facilitator scan W PAYLOAD [--desk NAME] [--json]` as CONTRACT.md promises it (in-process)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from facilitator.cli import main
from facilitator.core.badges import new_token
from facilitator.core.dates import format_date
from facilitator.i18n import set_language
from facilitator.store.database import open_database
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import WorkshopDetails, create_workshop
from tests.azerty import azerty
from tests.contract_shapes import PARTICIPANT_KEYS, SCAN_KEYS


def plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces, for matching messages."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


@dataclass
class Event:
    db: str
    workshop: int
    slug: str
    other_title: str
    tokens: dict[str, str]  # last name -> badge token
    ids: dict[str, int]
    stranger: str  # a badge of the other workshop


def _build(path: Path, timezone: str = "Africa/Dakar", around: dt.date | None = None) -> Event:
    start = around - dt.timedelta(days=2) if around else dt.date(2025, 3, 25)
    end = around + dt.timedelta(days=2) if around else dt.date(2025, 3, 27)
    db = open_database(path)
    with db.write() as session:
        workshop = create_workshop(
            session, WorkshopDetails("Atelier de Dakar", start, end, timezone=timezone)
        )
        other = create_workshop(
            session, WorkshopDetails("Atelier de Ziguinchor", start, end, timezone=timezone)
        )
        tokens, ids = {}, {}
        for first, last, org, gender in [
            ("Awa", "Diop", "Ministère de l'Intérieur", "F"),
            ("Moussa", "Fall", "", "M"),
            ("Fatou", "Ndiaye", "ONG Jamra", "F"),
        ]:
            p = add_participant(
                session, workshop.id, ParticipantInput(first, last, org, gender=gender)
            )
            tokens[last], ids[last] = p.badge_token, p.id
        stranger = add_participant(session, other.id, ParticipantInput("Ousmane", "Sarr"))
        event = Event(
            str(path),
            workshop.id,
            workshop.slug,
            other.title,
            tokens,
            ids,
            stranger.badge_token,
        )
    db.dispose()
    return event


@pytest.fixture(scope="module")
def _event_template(
    tmp_path_factory: pytest.TempPathFactory, _empty_template: Path
) -> tuple[Path, Event]:
    """The event built once per module (French type names); each test gets a copy.

    Its days are around today: a scan outside them adds a warning (tested on its own below).
    """
    set_language("fr")
    path = tmp_path_factory.mktemp("scan") / "event.sqlite3"
    shutil.copyfile(_empty_template, path)
    return path, _build(path, around=dt.datetime.now(ZoneInfo("Africa/Dakar")).date())


@pytest.fixture
def event(tmp_path: Path, _event_template: tuple[Path, Event]) -> Event:
    template, built = _event_template
    path = tmp_path / "event.sqlite3"
    shutil.copyfile(template, path)
    return replace(built, db=str(path))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def scan_json(
    capsys: pytest.CaptureFixture[str], event: Event, payload: str, *extra: str
) -> tuple[int, dict[str, object]]:
    code, out, err = run(
        capsys, "--db", event.db, "scan", str(event.workshop), payload, "--json", *extra
    )
    document = json.loads(out)  # the JSON document alone on stdout, nothing before or after
    assert isinstance(document, dict)
    assert set(document) == SCAN_KEYS, document
    assert err == ""
    return code, document


def _aware(text: object) -> dt.datetime:
    assert isinstance(text, str)
    instant = dt.datetime.fromisoformat(text)
    assert instant.utcoffset() is not None, text
    return instant


# --- exit codes and the JSON shape ----------------------------------------------------------


def test_checked_in_then_already_with_json(
    capsys: pytest.CaptureFixture[str], event: Event
) -> None:
    token = event.tokens["Diop"]
    code, doc = scan_json(capsys, event, token, "--desk", "Poste 1")
    assert code == 0
    assert doc["status"] == "checked_in"
    assert doc["desk"] == "Poste 1"
    assert doc["reason"] in (None, "")
    at = _aware(doc["checked_in_at"])
    assert abs(dt.datetime.now(dt.UTC) - at) < dt.timedelta(minutes=2)
    participant = doc["participant"]
    assert isinstance(participant, dict)
    assert set(participant) >= PARTICIPANT_KEYS, participant
    assert participant["id"] == event.ids["Diop"]
    assert participant["badge"] == token
    assert (participant["first_name"], participant["last_name"]) == ("Awa", "Diop")
    assert participant["organisation"] == "Ministère de l'Intérieur"
    assert participant["gender"] == "F"
    assert participant["checked_in_at"] == doc["checked_in_at"]

    code, again = scan_json(capsys, event, token, "--desk", "Poste 2")
    assert code == 3
    assert again["status"] == "already"
    assert again["desk"] == "Poste 1"
    assert again["checked_in_at"] == doc["checked_in_at"]
    reason = plain(str(again["reason"]))
    assert at.strftime("%H:%M") in reason and "Poste 1" in reason
    assert (
        isinstance(again["participant"], dict) and again["participant"]["id"] == event.ids["Diop"]
    )


def test_the_scan_participant_is_the_participants_listing_entry(
    capsys: pytest.CaptureFixture[str], event: Event
) -> None:
    _code, doc = scan_json(capsys, event, event.tokens["Ndiaye"], "--desk", "Poste 1")
    code, out, _err = run(capsys, "participants", event.slug, "--json", "--db", event.db)
    assert code == 0
    (listed,) = [p for p in json.loads(out) if p["id"] == event.ids["Ndiaye"]]
    scanned = doc["participant"]
    assert isinstance(scanned, dict)
    assert {key: scanned[key] for key in PARTICIPANT_KEYS} == {
        key: listed[key] for key in PARTICIPANT_KEYS
    }


def test_workshop_by_slug_and_db_after_the_command(
    capsys: pytest.CaptureFixture[str], event: Event
) -> None:
    code, out, _err = run(
        capsys, "scan", event.slug, event.tokens["Fall"], "--json", "--db", event.db
    )
    assert code == 0 and json.loads(out)["status"] == "checked_in"
    # Without --desk the machine's name stands for the desk, so « already » can say where.
    assert json.loads(out)["desk"] == socket.gethostname()
    code, out, _err = run(capsys, "scan", event.slug, event.tokens["Fall"], "--db", event.db)
    assert code == 3 and f"({socket.gethostname()})" in out


@pytest.mark.parametrize(
    "dress",
    [
        lambda t: azerty(t),
        lambda t: azerty(t) + "\r\n",
        lambda t: t + "\r\n",
        lambda t: "  " + t + "\n",
        lambda t: "]Q1" + t + "\r",
        lambda t: "\x02" + t + "\x03",
    ],
    ids=["azerty", "azerty-crlf", "crlf", "spaces-lf", "prefix", "stx-etx"],
)
def test_what_a_scanner_typed_is_checked_in_like_the_badge(
    capsys: pytest.CaptureFixture[str], event: Event, dress: Callable[[str], str]
) -> None:
    token = event.tokens["Fall"]
    code, doc = scan_json(capsys, event, dress(token), "--desk", "Poste 1")
    assert code == 0 and doc["status"] == "checked_in"
    assert isinstance(doc["participant"], dict)
    assert doc["participant"]["id"] == event.ids["Fall"]
    assert doc["participant"]["badge"] == token
    code, again = scan_json(capsys, event, token)
    assert code == 3 and again["status"] == "already"


def test_another_workshops_badge_exits_4_and_names_it(
    capsys: pytest.CaptureFixture[str], event: Event
) -> None:
    code, doc = scan_json(capsys, event, event.stranger, "--desk", "Poste 1")
    assert code == 4
    assert doc["status"] == "rejected" and doc["participant"] is None
    assert doc["checked_in_at"] is None
    assert event.other_title in str(doc["reason"])
    code, out, _err = run(capsys, "--db", event.db, "scan", str(event.workshop), event.stranger)
    assert code == 4 and event.other_title in out
    code, out, _err = run(
        capsys, "--db", event.db, "scan", str(event.workshop), azerty(event.stranger) + "\r\n"
    )
    assert code == 4 and event.other_title in out


@pytest.mark.parametrize("kind", ["forged", "altered", "garbage", "empty", "cut"])
def test_forged_altered_or_garbage_exits_4(
    capsys: pytest.CaptureFixture[str], event: Event, kind: str
) -> None:
    token = event.tokens["Diop"]
    payload = {
        "forged": new_token(event.workshop),
        "altered": token[:-1] + ("B" if token[-1] != "B" else "C"),
        "garbage": "https://example.org/?q=1",
        "empty": "",
        "cut": token[:-2],
    }[kind]
    code, doc = scan_json(capsys, event, payload, "--desk", "Poste 1")
    assert code == 4
    assert doc["status"] == "rejected" and doc["participant"] is None and doc["reason"]
    # Nobody was checked in: the real badge still checks in.
    code, doc = scan_json(capsys, event, token)
    assert code == 0


# --- text output, French by default ---------------------------------------------------------


def test_text_output_is_french_by_default(capsys: pytest.CaptureFixture[str], event: Event) -> None:
    token = event.tokens["Diop"]
    code, out, err = run(
        capsys, "--db", event.db, "scan", str(event.workshop), token, "--desk", "Poste 1"
    )
    assert code == 0 and err == ""
    text = plain(out)
    assert "Arrivée enregistrée : Awa Diop (Ministère de l'Intérieur) à " in text
    assert re.search(r"à \d\d:\d\d$", text.strip())
    code, out, _err = run(
        capsys, "--db", event.db, "scan", str(event.workshop), token, "--desk", "Poste 2"
    )
    assert code == 3
    assert re.fullmatch(
        r"Awa Diop : déjà enregistré\(e\) à \d\d:\d\d \(Poste 1\)", plain(out).strip()
    )
    code, out, _err = run(capsys, "--db", event.db, "scan", str(event.workshop), "bonjour")
    assert code == 4
    assert plain(out).strip() == "Refusé : Ce code n’est pas un badge Facilitator."


def test_text_output_in_english(capsys: pytest.CaptureFixture[str], event: Event) -> None:
    token = event.tokens["Fall"]
    args = ("--db", event.db, "--lang", "en", "scan", str(event.workshop), token)
    code, out, _err = run(capsys, *args)
    assert code == 0 and out.startswith("Checked in: Moussa Fall (—) at ")
    code, out, _err = run(capsys, *args, "--desk", "Poste 2")
    assert code == 3 and "already checked in at" in out
    code, out, _err = run(capsys, *args[:-1], event.stranger)
    assert code == 4 and out.startswith("Refused: ") and event.other_title in out


def test_an_unknown_workshop_is_bad_usage(capsys: pytest.CaptureFixture[str], event: Event) -> None:
    code, out, err = run(capsys, "--db", event.db, "scan", "999", event.tokens["Diop"], "--json")
    assert code == 2 and out == "" and "999" in err


# --- the day in force, seen from the command line --------------------------------------------


def test_a_scan_shows_in_the_participants_listing_whatever_the_machines_date(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    # The listings must take « today » as the workshop's own local date, as check_in does, not
    # the machine's: otherwise `participants --json` shows null for someone `scan` has just
    # checked in, and `workshops` counts them absent (a workshop in another time zone, or a
    # laptop set to Paris time around midnight).
    machine_today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    zone = next(
        name
        for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago")  # UTC+14 and UTC-11
        if now.astimezone(ZoneInfo(name)).date() != machine_today
    )
    local_today = now.astimezone(ZoneInfo(zone)).date()
    event = _build(db_path, timezone=zone, around=local_today)
    code, doc = scan_json(capsys, event, event.tokens["Diop"], "--desk", "Poste 1")
    assert code == 0
    assert _aware(doc["checked_in_at"]).date() == local_today
    code, out, _err = run(capsys, "participants", str(event.workshop), "--json", "--db", event.db)
    (listed,) = [p for p in json.loads(out) if p["id"] == event.ids["Diop"]]
    assert listed["checked_in_at"] == doc["checked_in_at"]
    code, out, _err = run(capsys, "workshops", "--json", "--db", event.db)
    (summary,) = [w for w in json.loads(out) if w["id"] == event.workshop]
    assert summary["present"] == 1


# --- outside the workshop's dates: recorded as before, and said on stderr ---------------------


@pytest.fixture
def past_event(tmp_path: Path, _empty_template: Path) -> Event:
    """A workshop of 25–27 March 2025: today is after its dates (a wrong clock, or wrong dates)."""
    path = tmp_path / "past.sqlite3"
    shutil.copyfile(_empty_template, path)
    return _build(path)


def test_a_scan_outside_the_workshops_dates_says_so_on_stderr(
    capsys: pytest.CaptureFixture[str], past_event: Event
) -> None:
    # The desk asks before recording; the command cannot ask, and its exit codes are fixed: it
    # records as before and warns, naming today, the workshop's dates and the day counted.
    today = dt.datetime.now(ZoneInfo("Africa/Dakar")).date()
    args = ("--db", past_event.db, "scan", str(past_event.workshop))
    code, out, err = run(capsys, *args, past_event.tokens["Diop"], "--desk", "Poste 1")
    assert code == 0
    assert plain(out).startswith("Arrivée enregistrée : Awa Diop")
    warning = plain(err).strip()
    assert warning.startswith("Attention : aujourd’hui (")
    assert format_date(today) in warning
    assert "25–27 mars 2025" in warning
    assert "l’arrivée compte pour le 27 mars 2025" in warning
    assert len(err.strip().splitlines()) == 1

    # Scanned again: « already » (exit 3) for that same day, with the same warning.
    code, out, err2 = run(capsys, *args, past_event.tokens["Diop"], "--desk", "Poste 2")
    assert code == 3 and "Poste 1" in out
    assert err2 == err

    # With --json: the document alone on stdout, its shape unchanged; the warning on stderr.
    code, out, err3 = run(capsys, *args, past_event.tokens["Fall"], "--json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == SCAN_KEYS and document["status"] == "checked_in"
    assert err3 == err

    # A refused badge records nothing: nothing to warn about.
    code, out, err4 = run(capsys, *args, past_event.stranger)
    assert code == 4 and err4 == ""


def test_the_warning_speaks_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], past_event: Event
) -> None:
    code, _out, err = run(
        capsys,
        "--db",
        past_event.db,
        "--lang",
        "en",
        "scan",
        str(past_event.workshop),
        past_event.tokens["Ndiaye"],
    )
    assert code == 0
    assert err.startswith("Warning: today (")
    assert "25–27 March 2025" in err and "counts for 27 March 2025" in err


def test_a_scan_within_the_dates_warns_of_nothing(
    capsys: pytest.CaptureFixture[str], event: Event
) -> None:
    args = ("--db", event.db, "scan", str(event.workshop), event.tokens["Fall"])
    code, _out, err = run(capsys, *args)
    assert code == 0 and err == ""
    code, _out, err = run(capsys, *args)
    assert code == 3 and err == ""
