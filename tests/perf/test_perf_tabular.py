"""Benchmark for reading a participant list (run on demand:
`python -m pytest tests/perf/test_perf_tabular.py -s`).

10,000 rows read by read_table (encoding and delimiter guessed, header found, cells cleaned),
against the least any reader does with the same file: the standard csv module on the decoded
text, openpyxl's read-only rows for the workbook. CPU time, best of five, each in turn.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
import pytest

from facilitator.core.tabular import read_table
from tests.core.test_tabular import detector, ten_thousand_row_files
from tests.perf.ratio import compare

# read_table does more than the baseline (guessing the encoding and the delimiter, finding the
# header, cleaning every cell): measured 3.3 to 4.6 times the csv module, and 0.9 to 1.5 times
# openpyxl's rows (which is most of the work there), on a busy 2-core machine. The bounds catch
# a reader grown twice dearer, not noise.
CSV_RATIO = 8.0
XLSX_RATIO = 2.5


def _plain_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("cp1252")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=";")]


def _plain_xlsx(path: Path) -> list[list[str]]:
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return ten_thousand_row_files(tmp_path_factory.mktemp("big"))


def test_ten_thousand_csv_rows_against_the_csv_module(files: tuple[Path, Path]) -> None:
    csv_path, _xlsx = files
    table = read_table(csv_path, header_detector=detector)
    assert len(table.rows) == 10_000 and len(_plain_csv(csv_path)) == 10_002
    ratio = compare(
        "10,000 CSV rows (CPU)",
        lambda: read_table(csv_path, header_detector=detector),
        lambda: _plain_csv(csv_path),
        "csv.reader on the decoded text",
        clock=time.process_time,
    )
    assert ratio < CSV_RATIO


def test_ten_thousand_xlsx_rows_against_openpyxl_alone(files: tuple[Path, Path]) -> None:
    _csv, xlsx_path = files
    table = read_table(xlsx_path, header_detector=detector)
    assert len(table.rows) == 10_000 and len(_plain_xlsx(xlsx_path)) == 10_003
    ratio = compare(
        "10,000 XLSX rows (CPU)",
        lambda: read_table(xlsx_path, header_detector=detector),
        lambda: _plain_xlsx(xlsx_path),
        "openpyxl read-only rows",
        clock=time.process_time,
    )
    assert ratio < XLSX_RATIO
