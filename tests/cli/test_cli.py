"""The command line as CONTRACT.md promises it: commands, JSON shapes, exit codes, languages."""

from __future__ import annotations

import argparse
import ast
import gettext
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.i18n import load_catalogue
from facilitator.store import backups
from tests.contract_shapes import PARTICIPANT_KEYS

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_init_new_and_workshops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "event.sqlite3")
    code, out, _err = run(capsys, "--db", db, "init")
    assert code == 0 and "Base de données prête" in out
    created = run_json(
        capsys,
        "new",
        "Atelier de validation",
        "--date",
        "2026-12-01",
        "--days",
        "2",
        "--venue",
        "Hôtel Océan",
        "--city",
        "Dakar",
        "--db",
        db,
    )
    assert isinstance(created, dict)
    assert created["slug"] == "atelier-de-validation" and isinstance(created["id"], int)
    listed = run_json(capsys, "workshops", "--db", db)
    assert listed == [
        {
            "id": created["id"],
            "slug": "atelier-de-validation",
            "title": "Atelier de validation",
            "start_date": "2026-12-01",
            "end_date": "2026-12-02",
            "venue": "Hôtel Océan",
            "city": "Dakar",
            "registered": 0,
            "present": 0,
        }
    ]


def test_init_demo_twice_adds_nothing_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "event.sqlite3")
    assert run(capsys, "init", "--demo", "--db", db)[0] == 0
    first = run_json(capsys, "workshops", "--db", db)
    assert run(capsys, "init", "--demo", "--db", db)[0] == 0
    assert run_json(capsys, "workshops", "--db", db) == first
    assert isinstance(first, list)
    slugs = {w["slug"] for w in first}
    assert slugs == {"migration-circulaire-dakar-2025", "m4sd-cloture-thies-2023"}


def test_participants_json_shape(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "participants", "m4sd-cloture-thies-2023", "--db", str(demo_db_path))
    assert isinstance(rows, list) and len(rows) >= 40
    keys = PARTICIPANT_KEYS
    for row in rows:
        assert keys <= row.keys()
        assert 0 < len(row["badge"]) <= 40
    present = [r for r in rows if r["checked_in_at"]]
    assert 30 <= len(present) < len(rows)
    assert present[0]["checked_in_at"].startswith("2023-10-27T")
    assert present[0]["checked_in_at"].endswith("+00:00")  # local time in Dakar, with its offset
    assert len({r["badge"] for r in rows}) == len(rows)


def test_workshop_by_id_or_slug_and_unknown(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db_path)
    workshops = run_json(capsys, "workshops", "--db", db)
    assert isinstance(workshops, list)
    by_id = run_json(capsys, "participants", str(workshops[0]["id"]), "--db", db)
    by_slug = run_json(capsys, "participants", workshops[0]["slug"], "--db", db)
    assert by_id == by_slug
    code, out, err = run(capsys, "participants", "nope", "--db", db)
    assert code == 2 and out == "" and "Aucun atelier" in err


def test_import_dry_run_then_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "event.sqlite3")
    run_json(capsys, "new", "Atelier", "--date", "2026-12-01", "--db", db)
    listing = tmp_path / "liste.csv"
    listing.write_bytes(
        "NOM;PRENOM(S);STRUCTURE;SEXE;TELEPHONE;E-MAIL\r\n"
        "NDIAYE;Awa;Ministère du Travail;F;77 123 45 67;awa@example.sn\r\n"
        ";;OIM;M;;\r\n"
        "Cissé;Moussa;OIM;H;+221 78 000 00 00;\r\n".encode("cp1252")
    )
    dry = run_json(capsys, "import", "atelier", str(listing), "--dry-run", "--db", db)
    assert dry == {**dry, "imported": 2, "updated": 0, "skipped": [dry["skipped"][0]]}  # type: ignore[index]
    assert dry["skipped"][0]["line"] == 3  # type: ignore[index]
    assert run_json(capsys, "participants", "atelier", "--db", db) == []
    assert not backups.list_backups(Path(db)) or all(
        "before-import" not in b.name for b in backups.list_backups(Path(db))
    )
    real = run_json(capsys, "import", "atelier", str(listing), "--db", db)
    assert isinstance(real, dict) and real["imported"] == 2
    assert any("before-import" in b.name for b in backups.list_backups(Path(db)))
    again = run_json(capsys, "import", "atelier", str(listing), "--db", db)
    assert isinstance(again, dict) and again["imported"] == 0 and again["updated"] == 0
    people = run_json(capsys, "participants", "atelier", "--db", db)
    assert isinstance(people, list)
    assert sorted(p["last_name"] for p in people) == ["Cissé", "NDIAYE"]
    awa = next(p for p in people if p["first_name"] == "Awa")
    assert awa["phone"] == "77 123 45 67" and awa["gender"] == "F"


def test_import_of_an_unusable_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "event.sqlite3")
    run_json(capsys, "new", "Atelier", "--date", "2026-12-01", "--db", db)
    budget = tmp_path / "budget.csv"
    budget.write_text("Poste budgétaire;Montant\nLocation salle;250000\n", encoding="utf-8")
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    code, out, err = run(capsys, "import", "atelier", str(budget), "--json", "--db", db)
    assert code == 2 and out == "" and err
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "Atelier", "--date", "25/03/2025", "--db", str(tmp_path / "x.sqlite3")])
    assert exc.value.code == 2
    assert "2025-03-25" in capsys.readouterr().err


NBSP = "\u00a0"


def _usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """stderr of a command line argparse refuses (exit 2, nothing on stdout)."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    return err


def test_argparse_speaks_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite3")
    err = _usage_error(capsys, "new", "X", "--date", "25/03/2025", "--db", db)
    assert err.startswith(f"utilisation{NBSP}: facilitator new ")
    assert (
        f"facilitator new{NBSP}: erreur{NBSP}: argument --date{NBSP}: "
        f"«{NBSP}25/03/2025{NBSP}» n’est pas une date comme 2025-03-25\n"
    ) in err
    err = _usage_error(capsys, "new", "X", "--db", db)
    assert f"erreur{NBSP}: arguments obligatoires manquants{NBSP}: --date" in err
    err = _usage_error(capsys, "workshops", "--lang", "es")
    assert f"argument --lang{NBSP}: choix invalide{NBSP}: 'es' (choisissez parmi" in err
    err = _usage_error(capsys, "workshops", "--bogus", "--db", db)
    assert f"arguments non reconnus{NBSP}: --bogus" in err
    err = _usage_error(capsys, "new", "X", "--db", db, "--date")
    assert f"argument --date{NBSP}: une valeur est attendue" in err
    for err in [
        _usage_error(capsys, "new", "X", "--date", "25/03/2025", "--db", db),
        _usage_error(capsys, "workshops", "--lang", "es"),
        _usage_error(capsys, "workshops", "--bogus"),
    ]:
        for english in ("usage:", "error:", "the following", "invalid choice", "unrecognized"):
            assert english not in err
    assert not Path(db).exists()


def test_argparse_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["new", "--help"])
    out, _err = capsys.readouterr()
    assert exc.value.code == 0
    assert out.startswith(f"utilisation{NBSP}: facilitator new ")
    assert f"\narguments positionnels{NBSP}:\n" in out
    assert f"\noptions{NBSP}:\n" in out
    assert "affiche cette aide et quitte" in out
    assert "show this help" not in out and "positional arguments" not in out


def test_argparse_speaks_english_with_lang_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.sqlite3")
    err = _usage_error(capsys, "--lang", "en", "new", "X", "--date", "25/03/2025", "--db", db)
    assert err.startswith("usage: facilitator new ")
    assert (
        "facilitator new: error: argument --date: « 25/03/2025 » is not a date like 2025-03-25"
    ) in err
    err = _usage_error(capsys, "new", "X", "--db", db, "--lang", "en")
    assert "error: the following arguments are required: --date" in err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "new", "--help"])
    out, _err = capsys.readouterr()
    assert "\npositional arguments:\n" in out and "\noptions:\n" in out
    assert "show this help message and exit" in out


def test_argparse_is_given_back_its_own_gettext(capsys: pytest.CaptureFixture[str]) -> None:
    _usage_error(capsys, "workshops", "--bogus")
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]


# argparse's messages a user can meet with our command line (their English text is the msgid).
ARGPARSE_MESSAGES = (
    "usage: ",
    "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s",
    "positional arguments",
    "options",
    "show this help message and exit",
    "the following arguments are required: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "unrecognized arguments: %s",
    "expected one argument",
    "invalid %(type)s value: %(value)r",
)
PERCENT_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")


def _argparse_msgids() -> set[str]:
    """Every message text the running Python's argparse passes to gettext."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            found.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    return found


def test_argparse_messages_have_french_with_the_same_percent_placeholders() -> None:
    french = load_catalogue("fr")
    in_python = _argparse_msgids()
    assert set(ARGPARSE_MESSAGES) <= in_python, "argparse changed its messages: update app.po"
    for msgid in ARGPARSE_MESSAGES:
        assert isinstance(french.get(msgid), str) and french[msgid], f"no French for {msgid!r}"
    translated = [msgid for msgid in in_python if msgid in french]
    assert len(translated) >= len(ARGPARSE_MESSAGES)
    for msgid in translated:
        forms = french[msgid] if isinstance(french[msgid], list) else [french[msgid]]
        for form in forms:
            assert isinstance(form, str)
            assert sorted(PERCENT_PLACEHOLDER.findall(form)) == sorted(
                PERCENT_PLACEHOLDER.findall(msgid)
            ), f"%-placeholders differ in {form!r}"
            assert form.endswith("\n") == msgid.endswith("\n")
            assert form.endswith(" ") == msgid.endswith(" ")


def test_refused_database_exits_5_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database at all")
    before = path.read_bytes()
    code, out, err = run(capsys, "workshops", "--db", str(path))
    assert code == 5 and out == "" and "SQLite" in err
    assert path.read_bytes() == before


def test_backup_and_restore(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db_path)
    copy = tmp_path / "copie.sqlite3"
    assert run(capsys, "backup", "-o", str(copy), "--db", db)[0] == 0
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    before = run_json(capsys, "workshops", "--db", db)
    run_json(capsys, "new", "Atelier ajouté après la copie", "--date", "2026-01-05", "--db", db)
    assert run(capsys, "restore", str(copy), "--db", db)[0] == 0
    assert run_json(capsys, "workshops", "--db", db) == before
    # Kept apart from the rolling backups: twenty more of those never delete it.
    assert not [b for b in backups.list_backups(demo_db_path) if "before-restore" in b.name]
    safety = [b for b in backups.list_kept(demo_db_path) if "before-restore" in b.name]
    assert len(safety) == 1
    saved = sqlite3.connect(safety[0])
    titles = [r[0] for r in saved.execute("SELECT title FROM workshops")]
    saved.close()
    assert "Atelier ajouté après la copie" in titles


def test_backup_never_overwrites_an_existing_file(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db_path)
    out_folder = tmp_path / "copies"
    out_folder.mkdir()
    existing = out_folder / "copie.sqlite3"
    existing.write_text("la copie d'hier")
    before = demo_db_path.read_bytes()
    code, out, err = run(capsys, "backup", "-o", str(existing), "--db", db)
    assert code == 2 and out == ""
    assert f"{existing} existe déjà{NBSP}; choisissez un autre nom" in err
    assert existing.read_text() == "la copie d'hier"
    assert [p.name for p in out_folder.iterdir()] == ["copie.sqlite3"]
    assert demo_db_path.read_bytes() == before
    code, _out, err = run(capsys, "backup", "-o", str(existing), "--db", db, "--lang", "en")
    assert code == 2 and "already exists; choose another name" in err
    assert existing.read_text() == "la copie d'hier"
    folder = out_folder / "dossier"
    folder.mkdir()
    code, _out, err = run(capsys, "backup", "-o", str(folder), "--db", db)
    assert code == 2 and "est un dossier" in err and not any(folder.iterdir())


def test_readme_names_the_backups_folder_as_the_code_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert backups.backups_folder(Path("/data/atelier.sqlite3")) == Path("/data/atelier-backups")
    assert "`<name>-backups/`" in readme and "`atelier-backups/`" in readme
    assert "<file>-backups" not in readme


def test_restore_refuses_a_file_that_is_not_a_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello")
    code, _out, err = run(capsys, "restore", str(junk), "--db", str(db_path))
    assert code == 5 and "pas un fichier d’événement Facilitator" in err


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--lang", "en", "init", "--db", str(tmp_path / "e.sqlite3"))
    assert code == 0 and "Database ready" in out


def test_counts_in_listings_agree_with_their_number(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "event.sqlite3")
    run_json(capsys, "new", "Atelier", "--date", "2026-12-01", "--db", db)
    code, out, _err = run(capsys, "workshops", "--db", db)
    assert code == 0 and "      0 présent sur 0 inscrit · —\n" in out
    assert run(capsys, "participants", "atelier", "--db", db)[1] == "0 participant, 0 présent\n"
    listing = tmp_path / "liste.csv"
    listing.write_text("Nom;Prénom\nNdiaye;Awa\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", "atelier", str(listing), "--db", db)
    assert out.startswith("1 participant ajouté, 0 mis à jour, 0 déjà à jour, 0 ligne ignorée.")
    assert "0 présent sur 1 inscrit · —" in run(capsys, "workshops", "--db", db)[1]
    assert run(capsys, "participants", "atelier", "--db", db)[1].endswith(
        "\n1 participant, 0 présent\n"
    )
    code, out, _err = run(capsys, "workshops", "--db", str(demo_db_path))
    assert "52 présents sur 60 inscrits · Hôtel BIG FAIM, Thiès" in out
    assert "0 présent sur 80 inscrits" in out
    assert "(s)" not in out
    code, out, _err = run(
        capsys, "participants", "m4sd-cloture-thies-2023", "--db", str(demo_db_path)
    )
    assert out.endswith("\n60 participants, 52 présents\n")
    code, out, _err = run(capsys, "--lang", "en", "workshops", "--db", str(demo_db_path))
    assert "52 present of 60 registered · Hôtel BIG FAIM, Thiès" in out
    code, out, _err = run(capsys, "--lang", "en", "participants", "atelier", "--db", db)
    assert out.endswith("\n1 participant, 0 present\n")


def _subprocess(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_headless_commands_do_not_import_qt(demo_db_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from facilitator.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['workshops', '--db', {str(demo_db_path)!r}])\n"
        "assert rc == 0\n"
        "qt = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(len(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_python_dash_m_and_json_is_alone_on_stdout(demo_db_path: Path) -> None:
    result = _subprocess("workshops", "--json", "--db", str(demo_db_path))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2


def test_gui_without_a_screen_says_what_to_do(db_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_gui_on_a_refused_database_exits_5(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("pas une base")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(junk)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 5
    assert "SQLite" in result.stderr
    assert junk.read_text() == "pas une base"


def test_screenshots_say_nothing_of_the_offscreen_plugin(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    made = _subprocess("init", "--demo", "--db", db)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "écrans"
    result = _subprocess(
        "screenshots",
        "migration-circulaire-dakar-2025",
        "-o",
        str(folder),
        "--db",
        db,
        env_extra={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "propagateSizeHints" not in result.stderr
    for name in ("workshops", "participants"):
        png = folder / f"{name}.png"
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), png
        assert f"Écran enregistré{NBSP}: {png}" in result.stdout


def test_screenshots_message_handler_passes_other_qt_messages_on() -> None:
    code = (
        "from PySide6.QtCore import qInstallMessageHandler, qWarning\n"
        "from facilitator.ui.screenshots import quiet_offscreen_noise\n"
        "qInstallMessageHandler(quiet_offscreen_noise)\n"
        "qWarning('This plugin does not support propagateSizeHints()')\n"
        "qWarning('QPainter::begin: Paint device returned engine == 0')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "QPainter::begin: Paint device returned engine == 0\n"
