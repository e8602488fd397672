"""A participant list is read in bounded memory: oversized files, rows, cells and parts are refused.

A 490 KB workbook holding one 500 MB cell took 2.6 GB before it crashed; each bound here is
checked before the file is read whole, with a message that says which limit and where.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from facilitator.core import table_limits, tabular
from facilitator.core.participant_columns import header_score
from facilitator.core.tabular import TableError, read_table


def _read(path: Path) -> tabular.Table:
    return read_table(path, header_detector=header_score)


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _inflate(workbook: bytes, placeholder: bytes, megabytes: int) -> bytes:
    """The same workbook with `placeholder` replaced by `megabytes` MB of one letter."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if placeholder not in data:
                target.writestr(info, data)
                continue
            head, tail = data.split(placeholder)
            with target.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(megabytes):
                    part.write(b"A" * (1 << 20))
                part.write(tail)
    return out.getvalue()


def test_a_workbook_that_unpacks_to_500_mb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "liste.xlsx"
    bomb.write_bytes(
        _inflate(_workbook([["Nom", "Prénom"], ["PLACEHOLDER", "Awa"]]), b"PLACEHOLDER", 500)
    )
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(TableError, match="unpacks to 500 MB"):
            _read(bomb)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MB held to refuse it"


def test_a_long_cell_inside_the_limits_is_named(tmp_path: Path) -> None:
    book = tmp_path / "liste.xlsx"
    book.write_bytes(_workbook([["Nom", "Prénom"], ["FALL", "A" * 10_001]]))
    with pytest.raises(TableError, match="line 2, column 2: the cell is longer than 10,000"):
        _read(book)
    book.write_bytes(_workbook([["Nom", "Prénom"], ["FALL", "A" * 10_000]]))
    assert _read(book).rows[0].cells[1] == "A" * 10_000


def test_a_csv_cell_past_the_csv_module_limit_is_too_long_not_unclosed(tmp_path: Path) -> None:
    for cell in ("x" * 200_000, '"' + "x" * 200_000 + '"'):
        path = tmp_path / "liste.csv"
        path.write_text(f"Nom;Prénom\nNDIAYE;{cell}\nFALL;Awa\n", encoding="utf-8")
        with pytest.raises(TableError) as refused:
            _read(path)
        assert "longer than 10,000 characters" in str(refused.value)
        assert "quotation" not in str(refused.value)
    unclosed = tmp_path / "ouvert.csv"
    unclosed.write_text('Nom;Prénom\nNDIAYE;"Awa\nFALL;Binta\n', encoding="utf-8")
    with pytest.raises(TableError, match="quotation mark"):
        _read(unclosed)


def test_a_file_larger_than_any_list_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_limits, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom\n" + "FALL;Awa\n" * 200_000, encoding="utf-8")
    with pytest.raises(TableError, match=r"too large .* \(1.7 MB; at most 1.0 MB\)"):
        _read(path)


def test_too_many_rows_or_columns_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_limits, "MAX_ROWS", 50)
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom\n" + "".join(f"FALL{i};Awa\n" for i in range(51)), encoding="utf-8")
    with pytest.raises(TableError, match="more than 50 rows"):
        _read(path)
    path.write_text("Nom;Prénom\n" + "".join(f"FALL{i};Awa\n" for i in range(50)), encoding="utf-8")
    assert len(_read(path).rows) == 50
    wide = tmp_path / "large.csv"
    wide.write_text("Nom;Prénom\nFALL;Awa" + ";" * 300 + "note\n", encoding="utf-8")
    with pytest.raises(TableError, match="302 columns"):
        _read(wide)


def test_cells_formatted_to_the_last_column_are_not_kept(tmp_path: Path) -> None:
    """A sheet styled out to column XFD yields 16,384 cells a row: only the used ones stay."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom"])
    for row in range(2, 40):
        sheet.cell(row=row, column=1, value=f"FALL{row}")
        sheet.cell(row=row, column=16_384).number_format = "0.00"  # styled, empty
    path = tmp_path / "liste.xlsx"
    book.save(path)
    table = _read(path)
    assert len(table.rows) == 38 and len(table.headers) == 2


# ------------------------------------------------------------------ found by a review of the above


def _rezip(workbook: bytes, compression: int, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", compression) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, (extra or {}).get(info.filename, source.read(info)))
    return out.getvalue()


def test_parts_compressed_another_way_than_deflate_are_refused(tmp_path: Path) -> None:
    """zipfile inflates bzip2 and lzma parts whole before cutting them at their declared size."""
    book = tmp_path / "liste.xlsx"
    book.write_bytes(_rezip(_workbook([["Nom", "Prénom"], ["FALL", "Awa"]]), zipfile.ZIP_BZIP2))
    with pytest.raises(TableError, match="cannot be read as an Excel workbook"):
        _read(book)


def test_a_styles_part_larger_than_any_list_needs_is_refused(tmp_path: Path) -> None:
    plain = _workbook([["Nom", "Prénom"], ["FALL", "Awa"]])
    styles = b'<?xml version="1.0"?><styleSheet>' + b"<xf/>" * 1_000_000 + b"</styleSheet>"
    book = tmp_path / "liste.xlsx"
    book.write_bytes(_rezip(plain, zipfile.ZIP_DEFLATED, {"xl/styles.xml": styles}))
    with pytest.raises(TableError, match=r"its part xl/styles.xml unpacks to 4.8 MB"):
        _read(book)


def test_a_row_styled_out_to_the_last_column_costs_only_its_used_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom"])
    for row in range(2, 202):
        sheet.cell(row=row, column=1, value=f"FALL{row}")
        sheet.cell(row=row, column=16_384).number_format = "0.00"
    path = tmp_path / "liste.xlsx"
    book.save(path)
    seen: list[object] = []
    real = tabular._cell_text
    monkeypatch.setattr(tabular, "_cell_text", lambda value: seen.append(value) or real(value))
    assert len(_read(path).rows) == 200
    assert len(seen) <= 201 * table_limits.MAX_COLUMNS, "cells past the limit are never read"


def test_something_written_past_the_last_column_allowed_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Prénom"])
    sheet.cell(row=2, column=1, value="FALL")
    sheet.cell(row=2, column=300, value="note")
    path = tmp_path / "liste.xlsx"
    book.save(path)
    with pytest.raises(TableError, match="line 2 has 300 columns"):
        _read(path)


def test_blank_rows_count_against_a_budget_across_sheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_limits, "MAX_RECORDS", 100)
    book = openpyxl.Workbook()
    for index in range(3):
        sheet = book.active if index == 0 else book.create_sheet(f"Feuille {index}")
        assert sheet is not None
        sheet.cell(row=60, column=1).number_format = "0.00"  # 59 blank rows, then a styled one
    path = tmp_path / "liste.xlsx"
    book.save(path)
    with pytest.raises(TableError, match="more than"):
        _read(path)


def test_more_sheets_than_any_list_has_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_limits, "MAX_SHEETS", 2)
    book = openpyxl.Workbook()
    book.create_sheet("B")
    book.create_sheet("C")
    path = tmp_path / "liste.xlsx"
    book.save(path)
    with pytest.raises(TableError, match="has 3 sheets"):
        _read(path)


def test_a_line_of_thousands_of_separators_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom\nFALL;Awa" + ";" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(TableError, match="line 2 has 5,002 columns"):
        _read(path)


def test_a_stray_quote_is_still_called_an_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    lines = ["Nom;Prénom", 'FALL;"Awa'] + [f"NDIAYE{i};Fatou" for i in range(2000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        TableError, match="line 2: a quotation mark opened in a cell is never closed"
    ):
        _read(path)
