"""Reading participant tables as organisers really send them (CSV in any encoding, XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.tabular import Table, TableError, TableRow, read_table
from facilitator.core.text import printable
from facilitator.i18n import set_language


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _bytes(tmp_path: Path, data: bytes, name: str = "l.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def detector(cells: Sequence[str]) -> int:
    """A header detector for tests: counts cells that are known column names."""
    known = {"nom", "prenom", "prénom", "prenom(s)", "structure", "telephone", "téléphone"}
    return sum(cell.lower() in known for cell in cells)


def cells(table: Table) -> list[tuple[str, ...]]:
    return [row.cells for row in table.rows]


# ---------------------------------------------------------------------------------- CSV


def test_windows_1252_semicolon_crlf(tmp_path: Path) -> None:
    text = (
        "NOM;PRENOM(S);STRUCTURE;FONCTION;SEXE;TELEPHONE;E-MAIL\r\n"
        "CISSÉ;Ndèye Fatou;Ministère de la Santé;Chargée de programme;F;77 123 45 67;"
        "ndeye@sante.gouv.sn\r\n"
        "N'DIAYE;Cheikh Oumar;ONG Jàppo;Coordonnateur;M;+221 76 000 11 22;\r\n"
    )
    table = read_table(write(tmp_path / "liste.csv", text, "cp1252"))
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.sheet is None
    assert table.header_line == 1
    assert table.headers == (
        "NOM", "PRENOM(S)", "STRUCTURE", "FONCTION", "SEXE", "TELEPHONE", "E-MAIL",
    )  # fmt: skip
    assert table.rows[0] == TableRow(
        2,
        ("CISSÉ", "Ndèye Fatou", "Ministère de la Santé", "Chargée de programme", "F",
         "77 123 45 67", "ndeye@sante.gouv.sn"),
    )  # fmt: skip
    assert table.rows[1].line == 3
    assert table.rows[1].cells[2] == "ONG Jàppo"
    assert table.rows[1].cells[6] == ""


def test_utf8_with_bom_comma(tmp_path: Path) -> None:
    text = '\ufeffPrénom,Nom,Structure\nAwa,Ndiaye,Enda\nMoussa,Sow,"Ministère, DGID"\n'
    table = read_table(write(tmp_path / "export.csv", text))
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.headers == ("Prénom", "Nom", "Structure")
    assert cells(table) == [("Awa", "Ndiaye", "Enda"), ("Moussa", "Sow", "Ministère, DGID")]
    assert read_table(write(tmp_path / "sans_bom.csv", text[1:])).encoding == "utf-8"


def test_tab_separated_latin1(tmp_path: Path) -> None:
    text = "Nom\tPrénom\tStructure\nFaye\tRené\tMairie de Thiès\nGuèye\tSokhna\tCNCR\n"
    table = read_table(write(tmp_path / "liste.tsv", text, "latin-1"))
    assert table.delimiter == "\t"
    assert table.encoding in {"cp1252", "latin-1"}
    assert cells(table) == [("Faye", "René", "Mairie de Thiès"), ("Guèye", "Sokhna", "CNCR")]


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    data = "Nom;Note\nDiallo;é".encode("latin-1") + b"\x81\n"
    table = read_table(_bytes(tmp_path, data))
    assert table.encoding == "latin-1"
    assert cells(table) == [("Diallo", "é\x81")]


def test_utf16_unicode_text_export(tmp_path: Path) -> None:
    text = "Nom\tPrénom\r\nBâ\tOumou\r\n"
    table = read_table(_bytes(tmp_path, text.encode("utf-16"), "unicode.txt"))
    assert table.encoding == "utf-16"
    assert cells(table) == [("Bâ", "Oumou")]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings_blank_lines_and_stray_spaces(tmp_path: Path, newline: str) -> None:
    lines = [" Nom ; Prénom ;  Structure", "", "  Ka ;  Binta ; Enda  ", " ; ; ", "", "Sy;Ali;"]
    table = read_table(write(tmp_path / "l.csv", newline.join(lines) + newline))
    assert table.headers == ("Nom", "Prénom", "Structure")
    assert table.rows == (TableRow(3, ("Ka", "Binta", "Enda")), TableRow(6, ("Sy", "Ali", "")))


def test_title_rows_above_the_header(tmp_path: Path) -> None:
    text = (
        "LISTE DES PARTICIPANTS;;;\n"
        "Atelier de validation - Saly, 12 mars;;;\n"
        ";;;\n"
        "N°;Nom;Prénom;Structure\n"
        "1;Fall;Aminata;ANSD\n"
    )
    path = write(tmp_path / "l.csv", text)
    table = read_table(path, header_detector=detector)
    assert table.header_line == 4
    assert table.headers == ("N°", "Nom", "Prénom", "Structure")
    assert table.rows == (TableRow(5, ("1", "Fall", "Aminata", "ANSD")),)
    without = read_table(path)
    assert without.header_line == 1
    assert without.headers == ("LISTE DES PARTICIPANTS", "", "", "")


def test_detector_scoring_nothing_falls_back_to_first_non_blank_row(tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", "\n\nA;B\n1;2\n")
    table = read_table(path, header_detector=lambda cells: 0)
    assert (table.header_line, table.headers) == (3, ("A", "B"))


def test_quoted_cells_with_delimiters_and_newlines(tmp_path: Path) -> None:
    text = (
        "Nom;Structure;Observations\r\n"
        'Diop;"Ministère; Direction des Études";"arrive\r\nle 2e jour"\r\n'
        'Ba;"Le ""Réseau"" des jeunes";\r\n'
    )
    table = read_table(write(tmp_path / "l.csv", text))
    assert table.rows == (
        TableRow(2, ("Diop", "Ministère; Direction des Études", "arrive\r\nle 2e jour")),
        TableRow(4, ("Ba", 'Le "Réseau" des jeunes', "")),
    )


def test_single_column_file(tmp_path: Path) -> None:
    text = 'Nom complet\nAwa NDIAYE\n"DIOP, Moussa"\nMaria dos Santos\n'
    table = read_table(write(tmp_path / "l.csv", text))
    assert table.delimiter is None
    assert table.headers == ("Nom complet",)
    assert cells(table) == [("Awa NDIAYE",), ("DIOP, Moussa",), ("Maria dos Santos",)]


def test_commas_inside_semicolon_cells_do_not_fool_the_sniffer(tmp_path: Path) -> None:
    text = (
        "Nom;Prénom;Adresse\nSarr;Ibou;Dakar, Plateau\nNdour;Fama;Kaolack\n"
        "Kane;Abdou;Thiès, Mbour\n"
    )
    table = read_table(write(tmp_path / "l.csv", text))
    assert table.delimiter == ";"
    assert table.rows[0].cells == ("Sarr", "Ibou", "Dakar, Plateau")


def test_ragged_rows_are_padded_and_empty_trailing_columns_dropped(tmp_path: Path) -> None:
    text = "Nom;Prénom;;;\nSall;Coumba\nGaye;Ousmane;;extra;\n"
    table = read_table(write(tmp_path / "l.csv", text))
    assert table.headers == ("Nom", "Prénom", "", "")
    assert cells(table) == [("Sall", "Coumba", "", ""), ("Gaye", "Ousmane", "", "extra")]


def test_invisible_characters_are_stripped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "l.csv", "Nom;Prénom\n\u200bSow\u00a0;\ufeffAli\u200d\n"))
    assert cells(table) == [("Sow", "Ali")]


def test_control_characters_are_dropped_or_become_line_breaks(tmp_path: Path) -> None:
    # Old Mac Excel writes a line break inside a cell as a vertical tab; a bell is a stray key.
    table = read_table(write(tmp_path / "l.csv", "Nom;Prénom\nNDIAYE\x07;Awa\x0bMarie\x1b\n"))
    assert cells(table) == [("NDIAYE", "Awa\nMarie")]


def test_header_only_gives_no_rows(tmp_path: Path) -> None:
    table = read_table(write(tmp_path / "l.csv", "Nom;Prénom\r\n\r\n;\r\n"))
    assert table.headers == ("Nom", "Prénom")
    assert table.rows == ()


# ---------------------------------------------------------------------------------- XLSX


def make_workbook(path: Path, sheets: dict[str, list[list[object]]], active: int = 0) -> Path:
    workbook = openpyxl.Workbook()
    for default_sheet in list(workbook.worksheets):
        workbook.remove(default_sheet)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.active = active
    workbook.save(path)
    return path


def test_xlsx_with_title_row_and_numbers(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "participants.xlsx",
        {
            "Liste": [
                ["LISTE DES PARTICIPANTS"],
                [],
                ["N°", " Nom ", "Prénom", "Téléphone", "Arrivée", "Score"],
                [1, "Thiam", "Adja", 771234567, dt.date(2025, 3, 12), 2.5],
                [2, "Mbaye", "Pape", 221761112233.0, dt.datetime(2025, 3, 12, 0, 0), None],
                [None, None, None, None, None, None],
                [3, "  Sarr ", None, "+221 70 000 00 00", dt.datetime(2025, 3, 12, 9, 30), True],
            ]
        },
    )
    table = read_table(path, header_detector=detector)
    assert table.sheet == "Liste"
    assert (table.encoding, table.delimiter) == (None, None)
    assert table.header_line == 3
    assert table.headers == ("N°", "Nom", "Prénom", "Téléphone", "Arrivée", "Score")
    assert table.rows == (
        TableRow(4, ("1", "Thiam", "Adja", "771234567", "2025-03-12", "2.5")),
        TableRow(5, ("2", "Mbaye", "Pape", "221761112233", "2025-03-12", "")),
        TableRow(7, ("3", "Sarr", "", "+221 70 000 00 00", "2025-03-12 09:30", "1")),
    )


def test_xlsx_picks_the_first_sheet_with_a_header(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "classeur.xlsx",
        {
            "Consignes": [["Merci de remplir la feuille suivante"]],
            "Inscrits": [["Prénom", "Nom"], ["Rokhaya", "Diouf"]],
        },
    )
    table = read_table(path, header_detector=detector)
    assert table.sheet == "Inscrits"
    assert cells(table) == [("Rokhaya", "Diouf")]


def test_xlsx_without_recognised_header_uses_the_active_sheet(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {"A": [["x", "y"], [1, 2]], "B": [[], ["p", "q"]]}
    path = make_workbook(tmp_path / "c.xlsx", sheets, active=1)
    table = read_table(path, header_detector=detector)
    assert (table.sheet, table.header_line, table.headers) == ("B", 2, ("p", "q"))
    assert read_table(path).sheet == "B"


def test_xlsx_renamed_to_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "book.xlsx", {"S": [["Nom", "Prénom"], ["Kâ", "Ndella"]]})
    renamed = path.rename(tmp_path / "book.csv")
    assert cells(read_table(renamed)) == [("Kâ", "Ndella")]


def test_empty_workbook_is_refused(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "vide.xlsx", {"Feuil1": []})
    with pytest.raises(TableError, match=r"vide\.xlsx is empty"):
        read_table(path)


# ---------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("name", ["liste.pdf", "liste.docx", "liste.ods", "liste"])
def test_unsupported_formats_name_the_accepted_ones(tmp_path: Path, name: str) -> None:
    path = _bytes(tmp_path, b"%PDF-1.4 whatever", name)
    with pytest.raises(TableError) as caught:
        read_table(path)
    message = str(caught.value)
    assert name in message
    assert ".csv" in message and ".xlsx" in message


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"liste\.xls.*\.xls\).*save it as \.xlsx or CSV"):
        read_table(_bytes(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "liste.xls"))
    with pytest.raises(TableError, match=r"old Excel \(\.xls\) workbook"):
        read_table(_bytes(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "x.csv"))


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n  ", b"\xef\xbb\xbf", b";;;\n;;\n"])
def test_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(TableError, match=r"vide\.csv is empty"):
        read_table(_bytes(tmp_path, content, "vide.csv"))


def test_binary_garbage_named_csv_is_refused(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 20
    with pytest.raises(TableError, match=r"photo\.csv is not a text table"):
        read_table(_bytes(tmp_path, garbage, "photo.csv"))


@pytest.mark.parametrize(
    "content", [b"not a zip at all", b"PK\x03\x04broken zip", b"\xd0\xcf\x11\xe0" + bytes(600)]
)
def test_corrupt_xlsx_is_refused(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(TableError, match=r"abime\.xlsx cannot be read as an Excel workbook"):
        read_table(_bytes(tmp_path, content, "abime.xlsx"))


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "ok.xlsx", {"S": [["Nom"], ["Seck"]] * 200})
    data = path.read_bytes()
    with pytest.raises(TableError, match="cannot be read as an Excel workbook"):
        read_table(_bytes(tmp_path, data[: len(data) // 2], "tronque.xlsx"))


def test_workbook_with_a_damaged_sheet_is_refused(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "ok.xlsx", {"S": [["Nom"], ["Seck"]]})
    damaged = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content[:-40] if name.endswith("sheet1.xml") else content)
    with pytest.raises(TableError, match="cannot be read as an Excel workbook"):
        read_table(_bytes(tmp_path, damaged.getvalue(), "abime.xlsx"))


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"File not found: .*absent\.csv"):
        read_table(tmp_path / "absent.csv")


def test_unclosed_quote_names_its_line(tmp_path: Path) -> None:
    text = 'Nom;Prénom\nDia;Modou\n"Lo;Aby\nNiang;Ousmane\n'
    with pytest.raises(TableError, match=r"l\.csv, line 3: a quotation mark"):
        read_table(write(tmp_path / "l.csv", text))


def test_messages_are_french_by_default(tmp_path: Path) -> None:
    set_language("fr")
    with pytest.raises(TableError) as caught:
        read_table(_bytes(tmp_path, b"x", "liste.pdf"))
    assert str(caught.value) == (
        "liste.pdf\u00a0: type de fichier non pris en charge (.pdf). "
        "Formats acceptés\u00a0: CSV (.csv, .txt, .tsv) et Excel (.xlsx, .xlsm)."
    )


# ---------------------------------------------------------------------------------- properties

# Any character a UTF-8 file can hold but the other delimiters (a cell holding one in every row is
# ambiguous for any sniffer); NUL and invisible characters have their own tests.
_CELL_ALPHABET = st.characters(
    codec="utf-8", exclude_characters="\x00\t,;\ufeff\u200b\u200c\u200d\u2060"
)


def _rows(delimiter: str) -> st.SearchStrategy[list[list[str]]]:
    alphabet = st.one_of(_CELL_ALPHABET, st.sampled_from([delimiter, '"', "\r", "\n", " "]))
    cell = st.text(alphabet, max_size=12)
    return st.integers(2, 5).flatmap(
        lambda width: st.lists(
            st.lists(cell, min_size=width, max_size=width).filter(
                lambda row: any(printable(value).strip() for value in row)
            ),
            min_size=1,
            max_size=8,
        )
    )


@pytest.mark.parametrize("delimiter", [";", ","])
def test_round_trip_of_csv_writer_output(
    tmp_path_factory: pytest.TempPathFactory, delimiter: str
) -> None:
    folder = tmp_path_factory.mktemp("round_trip")

    @settings(max_examples=150, deadline=None)
    @given(_rows(delimiter))
    def check(rows: list[list[str]]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        path = write(folder / "random.csv", buffer.getvalue())
        table = read_table(path)
        # Control characters go or become line breaks (see core.text.printable).
        stripped = [[printable(value).strip() for value in row] for row in rows]
        width = max(max((i + 1 for i, v in enumerate(row) if v), default=0) for row in stripped)
        assert table.delimiter == delimiter
        assert table.headers == tuple(stripped[0][:width])
        assert cells(table) == [tuple(row[:width]) for row in stripped[1:] if any(row)]

    check()


# ---------------------------------------------------------------------------------- size


def ten_thousand_row_files(folder: Path) -> tuple[Path, Path]:
    """A list of 10,000 people as big.csv (cp1252) and big.xlsx, under a title line.

    Also the input of tests/perf/test_perf_tabular.py, which times reading them."""
    header = ["N°", "Nom", "Prénom", "Structure", "Fonction", "Sexe", "Téléphone", "E-mail"]
    rows = [
        [i, f"NDIAYE{i}", "Ndèye Fatou", "Ministère de la Santé", "Chargée", "F",
         770_000_000 + i, f"p{i}@exemple.sn"]
        for i in range(10_000)
    ]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([["LISTE DES PARTICIPANTS"], header, *rows])
    csv_path = write(folder / "big.csv", buffer.getvalue(), "cp1252")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [["LISTE DES PARTICIPANTS"], [], header, *rows]:
        sheet.append(row)
    workbook.save(folder / "big.xlsx")
    return csv_path, folder / "big.xlsx"


@pytest.mark.slow
def test_ten_thousand_rows_are_read_whole(tmp_path: Path) -> None:
    # How fast is measured in tests/perf/test_perf_tabular.py, against a baseline: a time limit
    # here would fail on a loaded test machine.
    for path in ten_thousand_row_files(tmp_path):
        table = read_table(path, header_detector=detector)
        assert table.headers[:3] == ("N°", "Nom", "Prénom"), path.name
        assert len(table.rows) == 10_000, path.name
        assert table.rows[0].cells[:3] == ("0", "NDIAYE0", "Ndèye Fatou"), path.name
        assert table.rows[-1].cells[1] == "NDIAYE9999", path.name
        assert table.rows[-1].cells[6] == "770009999", path.name
        assert table.rows[-1].cells[7] == "p9999@exemple.sn", path.name


@pytest.mark.parametrize("name", ["random.csv", "random.xlsx"])
def test_arbitrary_bytes_give_a_table_or_a_table_error(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name

    @settings(max_examples=100, deadline=None)
    @given(st.binary(max_size=300) | st.text(max_size=300).map(lambda text: text.encode()))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            table = read_table(path, header_detector=detector)
        except TableError as error:
            assert name in str(error) or "participant" in str(error)
        else:
            assert all(len(row.cells) == len(table.headers) for row in table.rows)

    check()
