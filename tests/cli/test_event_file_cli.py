"""Issue 19 as a user meets it on the command line: the wrong file or folder never loses an event.

Every command here ran on main before the fix with the outcome each test names: a restore from an
empty file exiting 0 with the event gone, tracebacks on a read-only file, an import written into a
damaged file, a new database made by a typo, exports readable by every account.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from facilitator.cli import main
from facilitator.store import backups
from tests.store.damage import break_an_index, damage_a_check_in_time

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _companions(path: Path) -> list[str]:
    """SQLite's files beside a database: a refused one must get none."""
    return sorted(
        p.name for p in path.parent.glob(path.name + "-*") if p.name.endswith(("-wal", "-shm"))
    )


def _workshops(capsys: pytest.CaptureFixture[str], db: Path) -> list[object]:
    code, out, err = run(capsys, "workshops", "--db", str(db), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert isinstance(result, list)
    return result


def _a_badge(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    code, out, _err = run(capsys, "participants", "1", "--db", str(db), "--json")
    assert code == 0
    return str(json.loads(out)[0]["badge"])


# ------------------------------------------------------------------------------ 1. restore


def test_restoring_from_an_empty_file_keeps_the_event(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _workshops(capsys, demo_db_path)
    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    state = _digest(demo_db_path)
    code, out, err = run(capsys, "restore", str(empty), "--db", str(demo_db_path))
    assert code == 5 and out == ""
    assert "ne peut pas être remis en place\u00a0: le fichier est vide (0 octet)" in err
    assert "L’événement actuel n’a pas été modifié" in err
    assert "Traceback" not in err
    assert _digest(demo_db_path) == state
    assert _workshops(capsys, demo_db_path) == before
    assert empty.stat().st_size == 0


def test_restoring_from_a_damaged_or_newer_file_is_refused(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged, newer = tmp_path / "abimee.sqlite3", tmp_path / "future.sqlite3"
    for copy in (damaged, newer):
        assert run(capsys, "backup", "-o", str(copy), "--db", str(demo_db_path))[0] == 0
    break_an_index(damaged)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    conn.commit()
    conn.close()
    state = _digest(demo_db_path)
    for source, words in ((damaged, "endommagé"), (newer, "version plus récente")):
        code, _out, err = run(capsys, "restore", str(source), "--db", str(demo_db_path))
        assert code == 5 and words in err, err
        assert _digest(demo_db_path) == state


def test_a_damaged_event_file_is_mended_by_restoring_the_backup_it_names(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    badge = _a_badge(capsys, demo_db_path)
    code, _out, _err = run(capsys, "scan", "1", badge, "--db", str(demo_db_path))
    assert code == 0
    before = _workshops(capsys, demo_db_path)
    # Only the desktop app backs up on opening: take the backup as it would.
    from facilitator.store.database import open_database

    db = open_database(demo_db_path, create=False)
    db.backup("open")
    db.dispose()
    break_an_index(demo_db_path)
    code, out, err = run(capsys, "participants", "1", "--db", str(demo_db_path))
    assert code == 5 and out == "" and "endommagée" in err
    command = err.split("«\u00a0", 2)[-1].split("\u00a0»")[0]
    assert command.startswith("facilitator --db ") and " restore " in command
    good = command.split(" restore ")[1]
    code, out, err = run(capsys, "--db", str(demo_db_path), "restore", good)
    assert code == 0, err
    assert _workshops(capsys, demo_db_path) == before
    code, _out, _err = run(capsys, "scan", "1", badge, "--db", str(demo_db_path))
    assert code == 3, "the check-in made before the backup is still there"


# ------------------------------------------------------------------------------ 2. read-only


@pytest.mark.parametrize("command", ["scan", "import", "import-dry", "restore", "new", "groups"])
def test_writing_commands_refuse_a_read_only_event_file(
    command: str, demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    badge = _a_badge(capsys, demo_db_path)
    people = tmp_path / "liste.csv"
    people.write_text("Nom;Prénom\nFALL;Awa\n", encoding="utf-8")
    copy = tmp_path / "copie.sqlite3"
    assert run(capsys, "backup", "-o", str(copy), "--db", str(demo_db_path))[0] == 0
    args = {
        "scan": ["scan", "1", badge],
        "import": ["import", "1", str(people)],
        "import-dry": ["import", "1", str(people), "--dry-run"],
        "restore": ["restore", str(copy)],
        "new": ["new", "Atelier", "--date", "2026-12-07"],
        "groups": ["groups", "1", "--count", "4"],
    }[command]
    demo_db_path.chmod(0o444)
    try:
        state = _digest(demo_db_path)
        code, out, err = run(capsys, *args, "--db", str(demo_db_path))
    finally:
        demo_db_path.chmod(0o600)
    assert code == 5 and out == ""
    assert "ne peut pas être modifié" in err and "lecture seule" in err
    assert str(demo_db_path) in err and "Copiez-le" in err
    assert "endommagé" not in err
    assert _digest(demo_db_path) == state
    assert _companions(demo_db_path) == []


def test_a_read_only_event_file_can_still_be_listed_and_exported(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = demo_db_path.parent
    demo_db_path.chmod(0o444)
    folder.chmod(0o555)
    out_folder = tmp_path / "sorties"
    try:
        assert len(_workshops(capsys, demo_db_path)) == 2
        code, _out, err = run(capsys, "participants", "1", "--db", str(demo_db_path))
        assert code == 0, err
        out_folder.mkdir()
        sheet = out_folder / "emargement.csv"
        code, _out, err = run(
            capsys, "attendance", "1", "-o", str(sheet), "--db", str(demo_db_path)
        )
        assert code == 0 and sheet.exists(), err
    finally:
        folder.chmod(0o700)
        demo_db_path.chmod(0o600)
    assert _companions(demo_db_path) == []


def test_a_read_only_folder_is_not_called_damaged_by_a_process(
    demo_db_path: Path, tmp_path: Path
) -> None:
    """As an ordinary user on a locked USB stick would see it: a fresh process, no traceback."""
    badge = (
        sqlite3.connect(demo_db_path)
        .execute("SELECT badge_token FROM participants LIMIT 1")
        .fetchone()[0]
    )
    folder = demo_db_path.parent
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "facilitator", "--db", str(demo_db_path), "scan", "1", badge],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 5, done.stderr
    assert "Traceback" not in done.stderr and "endommagée" not in done.stderr
    assert "n’accepte pas de nouveaux fichiers" in done.stderr


# ------------------------------------------------------------------------------ 3. damage


def test_import_never_writes_into_a_damaged_file(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "liste.csv"
    people.write_text("Nom;Prénom\nFALL;Awa\n", encoding="utf-8")
    break_an_index(demo_db_path)
    state = _digest(demo_db_path)
    code, out, err = run(capsys, "import", "1", str(people), "--db", str(demo_db_path))
    assert code == 5 and out == "" and "endommagée" in err
    assert _digest(demo_db_path) == state
    assert not backups.list_backups(demo_db_path)


def test_a_damaged_stored_date_never_crashes_the_listing(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_a_check_in_time(demo_db_path)
    code, out, err = run(capsys, "participants", "2", "--db", str(demo_db_path), "--json")
    assert code == 5 and out == ""
    assert "checked_in_at" in err and "Traceback" not in err


# ------------------------------------------------------------------------------ 4. imports


def _workbook_with_a_huge_cell(path: Path, megabytes: int) -> None:
    """A small .xlsx whose one cell unpacks to `megabytes` MB (it compresses a thousandfold)."""
    base = path.with_name("base.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom", "Structure"])
    sheet.append(["PLACEHOLDER", "Awa", "Ministère"])
    book.save(base)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if b"PLACEHOLDER" not in data:
                out.writestr(info, data)
                continue
            head, tail = data.split(b"PLACEHOLDER")
            with out.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(megabytes):
                    part.write(b"A" * (1 << 20))
                part.write(tail)
    base.unlink()


def test_a_workbook_holding_one_huge_cell_is_refused_before_any_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "Atelier", "--date", "2026-12-07", "--db", str(db_path))[0] == 0
    bomb = tmp_path / "liste.xlsx"
    _workbook_with_a_huge_cell(bomb, 200)
    assert bomb.stat().st_size < 1024 * 1024
    state = _digest(db_path)
    code, out, err = run(capsys, "import", "1", str(bomb), "--db", str(db_path))
    assert code == 2 and out == ""
    assert "200\u00a0Mo" in err or "200 Mo" in err
    assert _digest(db_path) == state
    assert not backups.list_backups(db_path)


def test_a_too_long_csv_cell_is_called_too_long(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "Atelier", "--date", "2026-12-07", "--db", str(db_path))[0] == 0
    for name, cell in (("brut.csv", "x" * 200_000), ("cite.csv", '"' + "x" * 200_000 + '"')):
        people = tmp_path / name
        people.write_text(f"Nom;Prénom\nNDIAYE;{cell}\n", encoding="utf-8")
        code, _out, err = run(capsys, "import", "1", str(people), "--db", str(db_path))
        assert code == 2 and "ligne\u00a02" not in err
        assert "ligne 2" in err and "dépasse 10\u202f000 caractères" in err, err
        assert "guillemet" not in err
    assert not backups.list_backups(db_path)


# ------------------------------------------------------------------------------ 5. --db


READING = [
    ["workshops"],
    ["participants", "1"],
    ["agenda", "1"],
    ["badges", "1", "-o", "{out}/badges.pdf"],
    ["attendance", "1", "-o", "{out}/emargement.pdf"],
    ["report", "1", "-o", "{out}/synthese.pdf"],
    ["backup", "-o", "{out}/autre-copie.sqlite3"],
]
WRITING = [
    ["scan", "1", "F1-XXXX"],
    ["import", "1", "{out}/liste.csv"],
    ["groups", "1", "--count", "3"],
    ["restore", "{out}/copie.sqlite3"],
]


@pytest.mark.parametrize("args", READING + WRITING, ids=lambda a: a[0])
def test_a_mistyped_db_creates_nothing(
    args: list[str], tmp_path: Path, demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sorties"
    out.mkdir()
    (out / "liste.csv").write_text("Nom;Prénom\nFALL;Awa\n", encoding="utf-8")
    assert (
        run(capsys, "backup", "-o", str(out / "copie.sqlite3"), "--db", str(demo_db_path))[0] == 0
    )
    made = {p.name for p in out.iterdir()}
    typo = tmp_path / "ateleir.sqlite3"
    code, _stdout, err = run(capsys, *[a.format(out=out) for a in args], "--db", str(typo))
    assert code == 5, err
    assert "Aucun fichier d’événement" in err
    assert not typo.exists() and _companions(typo) == []
    assert {p.name for p in out.iterdir()} == made


@pytest.mark.parametrize(
    "args",
    READING[:3] + WRITING[:1] + [["init"], ["new", "T", "--date", "2026-12-07"]],
    ids=lambda a: a[0],
)
def test_an_empty_db_file_is_refused_and_stays_empty(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    code, out, err = run(capsys, *args, "--db", str(empty))
    assert code == 5 and out == "" and "vide" in err
    assert empty.stat().st_size == 0 and _companions(empty) == []


def test_a_refused_database_gets_no_companion_files(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    conn.commit()
    conn.close()
    assert _companions(db_path) == []
    code, _out, _err = run(capsys, "workshops", "--db", str(db_path))
    assert code == 5 and _companions(db_path) == []


# ------------------------------------------------------------------------------ 6. exports


@pytest.mark.parametrize(
    "args",
    [
        ["attendance", "1", "-o", "{out}/emargement.pdf"],
        ["attendance", "1", "-o", "{out}/emargement.xlsx"],
        ["attendance", "1", "-o", "{out}/emargement.csv"],
        ["report", "1", "-o", "{out}/synthese.pdf", "--contacts"],
        ["report", "1", "-o", "{out}/synthese.docx", "--contacts"],
        ["report", "1", "-o", "{out}/synthese.xlsx", "--contacts"],
        ["report", "1", "-o", "{out}/synthese.md", "--contacts"],
        ["badges", "1", "-o", "{out}/badges.pdf"],
    ],
    ids=lambda a: a[0] + Path(a[3]).suffix,
)
def test_exports_with_personal_data_are_private(
    args: list[str], demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sorties"
    out.mkdir()
    target = Path(args[3].format(out=out))
    target.write_bytes(b"")
    target.chmod(0o644)  # an earlier export, readable by all: replaced by a private one
    code, _out, err = run(capsys, *[a.format(out=out) for a in args], "--db", str(demo_db_path))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.stat().st_size > 0


def test_badges_from_a_read_only_file_say_they_are_not_marked_printed(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    demo_db_path.chmod(0o444)
    try:
        code, stdout, err = run(capsys, "badges", "1", "-o", str(out), "--db", str(demo_db_path))
    finally:
        demo_db_path.chmod(0o600)
    assert code == 0, err
    assert out.stat().st_size > 0
    assert "ne sont pas marqués comme imprimés" in stdout
