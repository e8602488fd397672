"""`facilitator groups W --count N` as CONTRACT.md promises it (in-process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.core.groups_report import RULES
from facilitator.store.backups import list_backups
from facilitator.store.database import open_database
from facilitator.store.groups import list_rounds
from facilitator.store.workshops import find_workshop

M4SD = "m4sd-cloture-thies-2023"
MIGRATION = "migration-circulaire-dakar-2025"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's own refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def groups_json(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, "--db", str(db), "groups", *args, "--json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)  # exactly one document
    return data


def _rounds(db_path: Path, slug: str) -> list[str]:
    db = open_database(db_path)
    try:
        with db.read() as session:
            return [r.name for r in list_rounds(session, find_workshop(session, slug).id)]
    finally:
        db.dispose()


def test_json_has_the_contract_shape(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = groups_json(capsys, demo_db_path, MIGRATION, "--count", "8", "--seed", "4")
    assert set(data) >= {"round", "groups", "balance"}
    assert data["round"] == "Tour 1" and data["seed"] == 4
    assert [g["name"] for g in data["groups"]] == [f"Groupe {n}" for n in range(1, 9)]
    members = [pid for g in data["groups"] for pid in g["members"]]
    assert all(isinstance(pid, int) for pid in members)
    assert len(members) == len(set(members)) == 80
    assert {len(g["members"]) for g in data["groups"]} == {10}
    balance = data["balance"]
    assert list(balance) == list(RULES)
    for rule in balance.values():
        assert set(rule) == {"obtained", "best_possible", "holds"}
    assert balance["types"]["obtained"] <= 1 and balance["types"]["holds"]
    assert balance["sizes"]["obtained"] == 0


def test_same_seed_same_json_and_a_named_round_is_redone(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = (MIGRATION, "--count", "6", "--round", "Matin", "--seed", "123")
    first = groups_json(capsys, demo_db_path, *args)
    assert first["round"] == "Matin"
    again = groups_json(capsys, demo_db_path, *args)
    assert again == first
    assert _rounds(demo_db_path, MIGRATION) == ["Matin"]
    assert "before-groups" in list_backups(demo_db_path)[-1].name
    other = groups_json(capsys, demo_db_path, MIGRATION, "--count", "6", "--round", "Matin")
    assert other["round_id"] == first["round_id"]  # redone with a new seed, not a new round


def test_second_round_reports_people_meeting_again(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = groups_json(capsys, demo_db_path, MIGRATION, "--count", "8", "--seed", "1")
    second = groups_json(capsys, demo_db_path, MIGRATION, "--count", "8", "--seed", "1")
    assert (first["round"], second["round"]) == ("Tour 1", "Tour 2")
    assert first["balance"]["met_again"]["obtained"] == 0
    met = second["balance"]["met_again"]
    assert met == {"obtained": 16, "best_possible": 16, "holds": True}


def test_present_only_on_the_m4sd_workshop(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everyone = groups_json(capsys, demo_db_path, M4SD, "--count", "4")
    present = groups_json(capsys, demo_db_path, M4SD, "--count", "4", "--present-only")
    count = sum(len(g["members"]) for g in present["groups"])
    assert sum(len(g["members"]) for g in everyone["groups"]) == 60 > count > 0
    assert present["present_only"] is True and everyone["present_only"] is False


def test_french_text(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(
        capsys, "--db", str(demo_db_path), "groups", MIGRATION, "--count", "8", "--seed", "2"
    )
    assert code == 0
    assert out.startswith("Tour 1\u00a0: 80 participants, 8 groupes (tirage n° 2)\n")
    assert "\nGroupe 1 (10 participants)\n" in out
    assert (
        "  SARR Mamadou Lamine (Ministère de l’Intérieur et de la Sécurité publique – CILMI)" in out
    )
    assert "\nÉquilibre\n" in out
    assert "  Types de participants\u00a0: écart 1 (meilleur possible 1) ✓\n" in out
    assert "  Tailles des groupes\u00a0: écart 0 (meilleur possible 0) ✓\n" in out
    assert "  Personnes qui se retrouvent\u00a0: 0 paire (inévitables\u00a0: au moins 0) ✓\n" in out


def test_english_text(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(
        capsys, "--lang", "en", "--db", str(demo_db_path), "groups", MIGRATION, "--count", "8"
    )
    assert code == 0
    assert out.startswith("Round 1: 80 participants, 8 groups (draw no. ")
    assert "\nGroup 8 (10 participants)\n" in out
    assert "  Participant types: difference 1 (best possible 1) ✓\n" in out
    assert "  Pins and « keep apart » pairs: 0 not respected (best possible 0) ✓\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([MIGRATION, "--count", "0"], "supérieur ou égal à 1"),
        ([MIGRATION, "--count", "81"], "81 groupes pour 80 personnes"),
        ([MIGRATION, "--count", "2", "--present-only"], "Personne n’est encore enregistré"),
        (["nope", "--count", "2"], "nope"),
        ([MIGRATION, "--count", "2", "--seed", "x"], "nombre entier"),
        ([MIGRATION, "--count", "2", "--seed", str(2**40)], "numéro de tirage"),
    ],
)
def test_bad_usage_exits_2_and_writes_nothing(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    backups = list_backups(demo_db_path)
    code, out, err = run(capsys, "--db", str(demo_db_path), "groups", *args, "--json")
    assert code == 2
    assert out == ""
    assert message in err
    assert _rounds(demo_db_path, MIGRATION) == []
    assert list_backups(demo_db_path) == backups


def test_redoing_a_round_with_too_many_groups_writes_nothing(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = groups_json(capsys, demo_db_path, M4SD, "--count", "5", "--round", "Matin")
    backups = list_backups(demo_db_path)
    code, out, err = run(
        capsys, "--db", str(demo_db_path), "groups", M4SD, "--count", "61", "--round", "Matin"
    )
    assert code == 2 and out == "" and "61 groupes pour 60 personnes" in err
    assert list_backups(demo_db_path) == backups
    assert (
        groups_json(capsys, demo_db_path, M4SD, "--count", "5", "--round", "Matin")["round_id"]
        == first["round_id"]
    )


def test_a_refused_database_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    code, out, _err = run(capsys, "--db", str(bad), "groups", MIGRATION, "--count", "2")
    assert code == 5 and out == ""
    assert bad.read_bytes() == b"not a database at all" * 100
