"""`facilitator import` says, in a trial, which type each category of the list would get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.cli import main

NBSP = "\u00a0"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, _err = capsys.readouterr()
    return code, out


def test_a_trial_import_lists_the_type_of_each_category(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "event.sqlite3")
    assert run(capsys, "--db", db, "new", "Atelier de Thiès", "--date", "2025-03-11")[0] == 0
    listed = tmp_path / "liste.csv"
    listed.write_text(
        "Prénom;Nom;Catégorie\nAwa;NDIAYE;Min.\nAli;FALL;Ministère\nOmar;BA;Université\n",
        encoding="utf-8",
    )
    code, out = run(capsys, "--db", db, "import", "1", str(listed), "--dry-run")
    assert code == 0
    assert out.splitlines()[1:] == [
        f"Types de participants que recevraient les catégories{NBSP}:",
        f"  «{NBSP}Min.{NBSP}» (1) → Ministères",
        f"  «{NBSP}Ministère{NBSP}» (1) → Ministères",
        f"  «{NBSP}Université{NBSP}» (1) → Université (nouveau type)",
        f"Nouveaux types de participants{NBSP}: Université",
    ]
    code, out = run(capsys, "--db", db, "import", "1", str(listed), "--json")
    report = json.loads(out)
    assert report["imported"] == 3 and report["new_types"] == ["Université"]
    assert report["categories"] == [
        {"value": "Min.", "count": 1, "type": "Ministères", "new": False},
        {"value": "Ministère", "count": 1, "type": "Ministères", "new": False},
        {"value": "Université", "count": 1, "type": "Université", "new": True},
    ]
