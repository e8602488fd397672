"""`facilitator agenda W [--json]` as CONTRACT.md promises it (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.cli import main

KEYS = {"id", "title", "kind", "planned_start", "planned_end", "actual_start", "actual_end"}
KEYS |= {"children"}
M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


def _check(item: dict[str, object]) -> None:
    assert set(item) >= KEYS
    for key in ("planned_start", "planned_end"):
        value = item[key]
        assert isinstance(value, str) and value.endswith("+00:00")
    children = item["children"]
    assert isinstance(children, list)
    for child in children:
        _check(child)


def test_json_is_one_document_in_the_contract_shape(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_db_path), "agenda", M4SD, "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 7
    for item in data:
        _check(item)
    first = data[0]
    assert first["kind"] == "accueil"
    assert first["planned_start"] == "2023-10-27T08:30:00+00:00"
    assert first["actual_start"] == "2023-10-27T08:05:00+00:00"
    assert first["actual_end"] == "2023-10-27T09:12:00+00:00"
    assert [len(item["children"]) for item in data] == [0, 0, 0, 3, 2, 0, 0]


def test_json_without_actual_times(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", MIGRATION, "--json", "--db", str(demo_db_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 10
    assert all(item["actual_start"] is None and item["actual_end"] is None for item in data)


def test_french_text(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db_path), "agenda", M4SD]) == 0
    out = capsys.readouterr().out
    assert "Vendredi 27 octobre 2023" in out
    assert (
        "08:30–09:00 (réel 08:05–09:12, −25 min) Réception et inscriptions des participants"
        " · accueil"
    ) in out
    assert "09:00–09:30 (réel 09:12–09:55, +12 min) Discours introductifs · ouverture" in out
    assert "\n    09:45–10:00 (réel 10:02–10:19, +17 min) Présentation" in out
    assert "· clôture" in out and "· repas" in out


def test_french_text_when_not_run(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db_path), "agenda", MIGRATION]) == 0
    out = capsys.readouterr().out
    assert "Mardi 25 mars 2025" in out
    assert "08:30–09:00 — Accueil et installation des participants · accueil" in out
    assert "\n    09:00–09:10 — Mot de bienvenue" in out
    assert "· travaux de groupe" in out and "· restitution" in out and "· pause" in out


def test_english(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--db", str(demo_db_path), "agenda", M4SD]) == 0
    out = capsys.readouterr().out
    assert "(actual 08:05–09:12, −25 min)" in out and "· welcome" in out


def test_unknown_workshop(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db_path), "agenda", "nope", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nope" in captured.err


def test_a_reader_that_stops_early_gets_no_traceback(demo_db_path: Path) -> None:
    """`facilitator agenda W | head -2`: the pipe closes while the command still writes."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write meets a broken pipe
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(demo_db_path), "agenda", M4SD],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=60,
    )
    os.close(writer)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode == 1
