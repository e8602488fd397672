"""`facilitator report` end to end on the demo database: the four formats, options, exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document

from facilitator.cli import main
from tests.exports.test_synthesis_pdf import needs_pdftotext, pdf_pages

M4SD = "m4sd-cloture-thies-2023"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


@needs_pdftotext
def test_pdf(demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "synthese.pdf"
    code, stdout, err = run(capsys, "--db", str(demo_db_path), "report", M4SD, "-o", str(out))
    assert code == 0, err
    assert stdout.startswith("Rapport de synthèse écrit dans") and stdout.count("\n") == 1
    pages = pdf_pages(out)
    assert "RAPPORT DE SYNTHÈSE" in pages[0] and "Sommaire" in pages[1]
    assert "@" not in "".join(pages)


def test_docx_xlsx_md(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in ("docx", "xlsx", "md"):
        out = out_dir / f"synthese.{suffix}"
        code, _out, err = run(capsys, "report", M4SD, "-o", str(out), "--db", str(demo_db_path))
        assert code == 0, err
    assert any(
        p.style.name == "Heading 1" for p in Document(str(out_dir / "synthese.docx")).paragraphs
    )
    assert len(openpyxl.load_workbook(out_dir / "synthese.xlsx").sheetnames) == 5
    assert "## 6. Recommandations consolidées" in (out_dir / "synthese.md").read_text("utf-8")


def test_english_sections_and_contacts(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "report.md"
    code, stdout, err = run(
        capsys, "--db", str(demo_db_path), "--lang", "en", "report", M4SD, "-o", str(out),
        "--sections", "cover,recommendations", "annexes", "--contacts",
    )  # fmt: skip
    assert code == 0, err
    assert stdout.startswith("Synthesis report written to")
    text = out.read_text("utf-8")
    assert (
        "## 1. Consolidated recommendations" in text and "## 2. Annex: list of participants" in text
    )
    assert "Participation" not in text and "@" in text


@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [
        ("synthese.txt", [], ".pdf, .docx, .xlsx ou .md"),
        ("missing/synthese.pdf", [], "n’existe pas"),
        ("synthese.pdf", ["--sections", "budget"], "Section « budget » inconnue"),
    ],
)
def test_bad_usage_writes_nothing(
    name: str,
    extra: list[str],
    message: str,
    demo_db_path: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = out_dir / name
    code, stdout, err = run(
        capsys, "--db", str(demo_db_path), "report", M4SD, "-o", str(out), *extra
    )
    assert code == 2 and stdout == ""
    assert message in err
    assert list(out_dir.iterdir()) == []


def test_unknown_workshop(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", str(demo_db_path), "report", "nope", "-o", str(out_dir / "a.pdf")
    )
    assert code == 2 and "nope" in err and list(out_dir.iterdir()) == []


def test_a_folder_is_named_as_a_folder(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db", str(demo_db_path), "report", M4SD, "-o", str(out_dir))
    assert code == 2 and "est un dossier" in err and list(out_dir.iterdir()) == []


def test_the_system_reason_is_said_in_french(
    demo_db_path: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    import facilitator.commands.report as command

    def read_only(*_args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(command, "write_report", read_only)
    out = out_dir / "synthese.md"
    code, _out, err = run(capsys, "--db", str(demo_db_path), "report", M4SD, "-o", str(out))
    assert code == 2 and "le disque est en lecture seule" in err
    assert "Read-only" not in err and list(out_dir.iterdir()) == []


def test_an_empty_workshop_gives_its_cover_or_nothing(
    db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db_path)]
    assert run(capsys, *args, "new", "Atelier à venir", "--date", "2026-12-01")[0] == 0
    code, stdout, err = run(capsys, *args, "report", "1", "-o", str(out_dir / "a.md"))
    assert code == 0, err
    assert "la couverture seulement" in stdout and "(—)" not in stdout
    code, stdout, err = run(
        capsys, *args, "report", "1", "-o", str(out_dir / "b.md"), "--sections", "groups"
    )
    assert code == 2 and "Rien à écrire" in err and stdout == ""
    code, stdout, err = run(capsys, *args, "report", "1", "-o", str(out_dir / "c.xlsx"))
    assert code == 2 and "Rien à écrire" in err  # a workbook has no cover to hold
    assert [p.name for p in out_dir.iterdir()] == ["a.md"]


def test_impossible_names_are_refused_in_words(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(demo_db_path), "report", M4SD, "-o"]
    code, _out, err = run(capsys, *args, str(out_dir / ("a" * 300 + ".pdf")))
    assert code == 2 and "le nom du fichier est trop long" in err and "Traceback" not in err
    (out_dir / "base.pdf").write_text("")
    code, _out, err = run(capsys, *args, str(out_dir / "base.pdf" / "x.pdf"))
    assert code == 2 and "est un fichier, pas un dossier" in err
    assert [p.name for p in out_dir.iterdir()] == ["base.pdf"]
