"""The desk never loses or doubles a check-in: desks scanning at once, processes killed mid-burst.

Two proofs (issue 3, DESIGN.md « Rules that keep data safe »):
- N desks (separate processes, each with its own engine) scan one badge at the same instant:
  exactly one « checked_in », N-1 « already », one row.
- A process checking people in one after another is killed with SIGKILL at a random moment:
  every check-in it had confirmed (check_in returned) is in the database afterwards, nothing it
  had not started is, and the file passes `PRAGMA integrity_check`.

The processes are forked by one long-lived `python -c` helper that has already imported
the app (a fresh interpreter costs half a second, a fork a few milliseconds); each child opens
the database itself, after the fork, exactly as a desk does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy import select as sql_select

from facilitator.store.database import open_database
from facilitator.store.models import CheckIn, Participant
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.workshops import WorkshopDetails, create_workshop

ROOT = Path(__file__).resolve().parents[2]
FIRST_DAY = dt.date(2025, 3, 25)
CHECK_IN_AT = dt.datetime(2025, 3, 25, 8, 30)  # naive UTC, Dakar time = UTC


def make_event(path: Path, people: int, title: str = "Atelier de Dakar") -> tuple[int, list[int]]:
    """A workshop with `people` participants in the (migrated) database at `path`."""
    db = open_database(path)
    try:
        with db.write() as session:
            workshop = create_workshop(
                session, WorkshopDetails(title, FIRST_DAY, FIRST_DAY + dt.timedelta(days=2))
            )
            ids = [
                add_participant(session, workshop.id, ParticipantInput(f"Prénom{i}", f"Nom{i}")).id
                for i in range(people)
            ]
            return workshop.id, ids
    finally:
        db.dispose()


def badge_tokens(path: Path, ids: list[int]) -> list[str]:
    db = open_database(path)
    try:
        with db.read() as session:
            query = sql_select(Participant.id, Participant.badge_token)
            by_id: dict[int, str] = {
                pid: token for pid, token in session.execute(query.where(Participant.id.in_(ids)))
            }
        return [by_id[i] for i in ids]
    finally:
        db.dispose()


def checkin_rows(path: Path) -> dict[int, list[tuple[dt.date, str]]]:
    """{participant id: [(day, desk)]}, read with the app's own opening (as after a crash)."""
    db = open_database(path)
    try:
        with db.read() as session:
            rows: dict[int, list[tuple[dt.date, str]]] = {}
            for row in session.scalars(sql_select(CheckIn)):
                rows.setdefault(row.participant_id, []).append((row.day, row.desk))
            return rows
    finally:
        db.dispose()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


# --- two desks at once ----------------------------------------------------------------------


@pytest.mark.slow
def test_desks_scanning_one_badge_at_once_give_one_check_in(tmp_path: Path, forker: Forker) -> None:
    desks, badges = 8, 6
    path = tmp_path / "desks.sqlite3"
    workshop_id, ids = make_event(path, badges)
    tokens = badge_tokens(path, ids)
    logs = [tmp_path / f"desk-{i}.log" for i in range(1, desks + 1)]
    statuses = forker.desks(
        {
            "db": str(path),
            "workshop": workshop_id,
            "tokens": tokens,
            "desks": [f"Poste {i}" for i in range(1, desks + 1)],
            "logs": [str(log) for log in logs],
        }
    )
    assert all(os.WIFEXITED(s) and os.WEXITSTATUS(s) == 0 for s in statuses), statuses
    outcomes = []
    for log in logs:
        lines = _read_log(log)
        assert lines[0] == "open" and lines[-1] == "done", lines
        outcomes += [json.loads(line) for line in lines[1:-1]]
    rows = checkin_rows(path)
    for token, pid in zip(tokens, ids, strict=True):
        mine = [o for o in outcomes if o["token"] == token]
        assert len(mine) == desks
        assert sorted(o["status"] for o in mine) == ["already"] * (desks - 1) + ["checked_in"]
        (winner,) = [o["desk"] for o in mine if o["status"] == "checked_in"]
        # Every « already » names the desk that won, and the single row says the same.
        for o in mine:
            assert o["where"] == winner and o["participant"] == pid, o
            if o["status"] == "already":
                assert winner in o["reason"], o
        assert len(rows[pid]) == 1 and rows[pid][0][1] == winner
    assert integrity(path) == ["ok"]


# `facilitator scan` as a desk runs it, held back until every desk's interpreter is ready.
_CLI_DESK = """
import os, sys, time
import facilitator.commands.scan
from facilitator.cli import main
folder, name = sys.argv[1], sys.argv[2]
open(os.path.join(folder, name + ".ready"), "w").close()
while not os.path.exists(os.path.join(folder, "go")):
    time.sleep(0.0005)
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.slow
def test_the_scan_command_at_several_desks_at_once(db_path: Path, tmp_path: Path) -> None:
    desks = 3
    workshop_id, ids = make_event(db_path, 1)
    (token,) = badge_tokens(db_path, ids)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _CLI_DESK,
                str(tmp_path),
                f"desk{i}",
                "scan",
                str(workshop_id),
                token,
                "--desk",
                f"Poste{i}",
                "--json",
                "--db",
                str(db_path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for i in range(1, desks + 1)
    ]
    answers = []
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("*.ready"))) < desks:
            assert time.monotonic() < deadline and all(p.poll() is None for p in processes)
            time.sleep(0.005)
        (tmp_path / "go").touch()
        for process in processes:
            out, err = process.communicate(timeout=60)
            answers.append((process.returncode, json.loads(out), err))
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    codes = sorted(code for code, _doc, _err in answers)
    assert codes == [0] + [3] * (desks - 1), answers
    (winner,) = [doc["desk"] for code, doc, _err in answers if code == 0]
    for code, doc, _err in answers:
        assert doc["status"] == ("checked_in" if code == 0 else "already")
        assert doc["participant"]["id"] == ids[0]
        assert doc["desk"] == winner
    rows = checkin_rows(db_path)
    assert list(rows) == ids and len(rows[ids[0]]) == 1 and rows[ids[0]][0][1] == winner


# --- SIGKILL in the middle of a burst -------------------------------------------------------

# Reads one job per line on stdin. « burst »: forks a child that opens the database and checks
# people in one after another, printing (and flushing) each participant id once check_in has
# returned, to its log as its stdout; the helper answers the child's pid, then its wait status
# once it is gone. « desks »: forks one child per desk, each with its own engine, that scan each
# badge together (a barrier); the helper answers their wait statuses.
_FORKER = r"""
import datetime as dt, json, multiprocessing, os, sys, traceback
from facilitator.i18n import set_language
from facilitator.store.database import open_database
from facilitator.store.checkin import check_in, scan

set_language("fr")


def child(log, work):
    try:
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(out, 1)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        db = open_database(job["db"])
        print("open", flush=True)
        work(db)
        print("done", flush=True)
    except BaseException:
        print("error", json.dumps(traceback.format_exc()), flush=True)
    finally:
        os._exit(0)


def burst(db):
    now = dt.datetime.fromisoformat(job["now"])
    for participant_id in job["ids"]:
        result = check_in(db, job["workshop"], participant_id, job["desk"], now)
        print(participant_id, result.status, flush=True)


def desk(name):
    def work(db):
        for token in job["tokens"]:
            barrier.wait(timeout=60)
            result = scan(db, job["workshop"], token, desk=name)
            participant = result.participant.id if result.participant else None
            print(json.dumps({"token": token, "desk": name, "status": result.status,
                              "where": result.desk, "reason": result.reason,
                              "participant": participant}), flush=True)
    return work


for line in sys.stdin:
    job = json.loads(line)
    sys.stdout.flush()
    if job["kind"] == "burst":
        pid = os.fork()
        if pid == 0:
            child(job["log"], burst)
        print(pid, flush=True)
        print(os.waitpid(pid, 0)[1], flush=True)
    else:
        barrier = multiprocessing.get_context("fork").Barrier(len(job["desks"]))
        pids = []
        for name, log in zip(job["desks"], job["logs"]):
            pid = os.fork()
            if pid == 0:
                child(log, desk(name))
            pids.append(pid)
        print(json.dumps([os.waitpid(pid, 0)[1] for pid in pids]), flush=True)
"""


class Forker:
    """The `python -c` helper that forks the processes to kill."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _FORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self._pending = b""

    def _line(self, timeout: float = 60) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            ready, _w, _x = select.select([self.process.stdout], [], [], max(left, 0))
            assert ready, "the forking helper did not answer in time"
            chunk = os.read(self.process.stdout.fileno(), 4096)
            assert chunk, f"the forking helper died (exit {self.process.poll()})"
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode()

    def _send(self, job: dict[str, object]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(job) + "\n").encode())

    def start(self, job: dict[str, object]) -> int:
        """Fork a burst of check-ins; returns the child's pid (to kill)."""
        self._send({"kind": "burst", **job})
        return int(self._line())

    def desks(self, job: dict[str, object]) -> list[int]:
        """Fork one process per desk, all scanning each badge at once; their wait statuses."""
        self._send({"kind": "desks", **job})
        statuses: list[int] = json.loads(self._line(timeout=120))
        return statuses

    def wait(self) -> int:
        return int(self._line())

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


@dataclass
class KillReport:
    rounds: int = 0
    kills: int = 0  # children that died of SIGKILL (not those that had finished)
    confirmed: int = 0  # check-ins the killed children had confirmed, all found afterwards
    in_flight_committed: int = 0  # committed but killed before saying so (allowed)
    killed_during_open: int = 0
    mid_burst: int = 0  # kills that came after at least one confirmed check-in
    timings: list[float] = field(default_factory=list)


def _read_log(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def kill_rounds(
    folder: Path, rounds: int, seed: int, people: int = 300, forker: Forker | None = None
) -> KillReport:
    """Start a burst of check-ins, SIGKILL it at a random moment, check the file; `rounds` times."""
    path = folder / "killed.sqlite3"
    workshop_id, ids = make_event(path, people)
    rng = random.Random(seed)
    report = KillReport()
    confirmed_since_clear: set[int] = set()
    own = forker is None
    forker = forker or Forker()
    try:
        present = checkin_rows(path)
        for round_number in range(rounds):
            if len(ids) - len(present) < 60:  # running out of people: start the day again
                db = open_database(path)
                with db.write() as session:
                    session.execute(delete(CheckIn))
                db.dispose()
                present, confirmed_since_clear = {}, set()
            waiting = [i for i in ids if i not in present]
            log = folder / f"round-{round_number}.log"
            started = time.monotonic()
            child = forker.start(
                {
                    "db": str(path),
                    "workshop": workshop_id,
                    "ids": waiting,
                    "desk": f"Poste {round_number}",
                    "now": CHECK_IN_AT.isoformat(),
                    "log": str(log),
                }
            )
            if rng.random() < 0.2:
                time.sleep(rng.uniform(0, 0.06))  # anywhere, opening the database included
            else:
                deadline = time.monotonic() + 30
                while not any(line[0].isdigit() for line in _read_log(log)):
                    assert time.monotonic() < deadline, _read_log(log)
                    time.sleep(0.001)
                time.sleep(rng.uniform(0, 0.04))  # in the middle of the burst
            os.kill(child, signal.SIGKILL)
            status = forker.wait()
            report.timings.append(time.monotonic() - started)
            report.rounds += 1
            lines = _read_log(log)
            assert not any(line.startswith("error") for line in lines), lines
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                report.kills += 1
            if "open" not in lines:
                report.killed_during_open += 1
            said = [line.split() for line in lines if line[0].isdigit()]
            assert all(outcome == "checked_in" for _id, outcome in said), said
            confirmed = [int(participant_id) for participant_id, _status in said]
            assert confirmed == waiting[: len(confirmed)]

            rows = checkin_rows(path)  # the app itself reopens the file left by the kill
            assert integrity(path) == ["ok"], f"round {round_number}"
            missing = [i for i in confirmed if i not in rows]
            assert not missing, f"round {round_number}: confirmed check-ins lost: {missing}"
            confirmed_since_clear |= set(confirmed)
            lost_earlier = confirmed_since_clear - set(rows)
            assert not lost_earlier, f"round {round_number}: earlier check-ins lost"
            # At most the one check-in under way when the kill came may exist unconfirmed; none
            # further down the list, none twice, none for another desk.
            new = [i for i in waiting if i in rows]
            assert new[: len(confirmed)] == confirmed
            extra = new[len(confirmed) :]
            assert extra in ([], waiting[len(confirmed) : len(confirmed) + 1]), extra
            report.in_flight_committed += len(extra)
            for participant_id in new:
                assert rows[participant_id] == [(FIRST_DAY, f"Poste {round_number}")]
            report.confirmed += len(confirmed)
            present = rows
            if confirmed and "done" not in lines:
                report.mid_burst += 1
    finally:
        if own:
            forker.close()
    return report


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_burst_never_loses_a_confirmed_check_in(
    tmp_path: Path, forker: Forker
) -> None:
    report = kill_rounds(tmp_path, rounds=21, seed=1, forker=forker)
    assert report.kills >= 20, report
    assert report.mid_burst >= 15, report
    print(
        f"\n{report.kills} kills ({report.mid_burst} mid-burst), "
        f"{report.confirmed} confirmed check-ins all found, "
        f"{report.in_flight_committed} in-flight committed, "
        f"{report.killed_during_open} killed while opening"
    )


@pytest.fixture(scope="module")
def forker() -> Iterator[Forker]:
    """One forking helper for the module: its interpreter starts once."""
    helper = Forker()
    yield helper
    helper.close()


def test_a_burst_left_to_finish_confirms_every_check_in(tmp_path: Path, forker: Forker) -> None:
    # The same helper without a kill: the reference the kill rounds are compared with.
    path = tmp_path / "whole.sqlite3"
    workshop_id, ids = make_event(path, 12)
    log = tmp_path / "whole.log"
    forker.start(
        {
            "db": str(path),
            "workshop": workshop_id,
            "ids": ids,
            "desk": "Poste 1",
            "now": CHECK_IN_AT.isoformat(),
            "log": str(log),
        }
    )
    status = forker.wait()
    assert os.WIFEXITED(status)
    lines = _read_log(log)
    assert lines[0] == "open" and lines[-1] == "done", lines
    assert [int(line.split()[0]) for line in lines[1:-1]] == ids
    assert sorted(checkin_rows(path)) == ids
    assert integrity(path) == ["ok"]
