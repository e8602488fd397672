"""Reading the tables organisers send (CSV in any usual encoding and delimiter, or Excel .xlsx)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from facilitator.core import table_limits as limits
from facilitator.core.table_limits import (
    RecordBudget,
    TableError,
    check_row,
    check_separators,
    check_sheet_count,
    check_workbook,
    too_large,
    too_long,
    too_many_rows,
    trimmed,
    unclosed_quote,
)
from facilitator.core.text import printable
from facilitator.i18n import _

__all__ = ["Table", "TableError", "TableRow", "read_table"]

HeaderDetector = Callable[[Sequence[str]], int]

TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITERS = (";", ",", "\t")
# Title rows and blank rows above the real header rarely go past this.
HEADER_SEARCH_ROWS = 15
_SNIFF_RECORDS = 50
# Invisible characters that copy-paste leaves around names; stripped like white space.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
# Never present in accepted text (files with NUL bytes are refused): splits nothing.
_NO_DELIMITER = "\x00"


@dataclass(frozen=True)
class TableRow:
    """One data row: its physical line (or sheet row) number and its stripped cells."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table read from a file: the header row found in it and the non-blank rows below it.

    Headers and every row have the same number of cells (padded with ""), trailing columns that
    are empty everywhere removed. `encoding` and `delimiter` are None for Excel files (and
    `delimiter` for a one-column text file); `sheet` is None for text files.
    """

    headers: tuple[str, ...]
    header_line: int
    rows: tuple[TableRow, ...]
    encoding: str | None
    delimiter: str | None
    sheet: str | None


def _accepted_formats() -> str:
    return _("Accepted formats: CSV (.csv, .txt, .tsv) and Excel (.xlsx, .xlsm).")


def read_table(path: Path, *, header_detector: HeaderDetector | None = None) -> Table:
    """Read a .csv/.txt/.tsv or .xlsx/.xlsm file into a Table, finding its header row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TableError(
            _(
                "{file}: the old Excel format (.xls) is not supported. Open it in Excel or "
                "LibreOffice and save it as .xlsx or CSV."
            ).format(file=path.name)
        )
    if suffix not in TEXT_SUFFIXES | EXCEL_SUFFIXES:
        raise TableError(
            _("{file}: unsupported file type ({suffix}).").format(
                file=path.name, suffix=suffix or _("no extension")
            )
            + " "
            + _accepted_formats()
        )
    if not path.is_file():
        raise TableError(_("File not found: {path}").format(path=path))
    try:
        with path.open("rb") as handle:
            # Never more than the limit in memory, even if the file grows meanwhile (a read of
            # the limit itself would reserve all of it for a small file).
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, limits.MAX_FILE_BYTES) + 1)
            if size < len(data) <= limits.MAX_FILE_BYTES:  # it grew: the rest, up to the limit
                data += handle.read(limits.MAX_FILE_BYTES + 1 - len(data))
        if len(data) > limits.MAX_FILE_BYTES:
            raise too_large(path.name, path.stat().st_size)
    except OSError as error:
        raise TableError(
            _("Cannot read {file}: {reason}").format(file=path.name, reason=error.strerror or error)
        ) from error
    if not data.strip():
        raise TableError(_("{file} is empty.").format(file=path.name))
    # A workbook renamed to .csv is common enough to be read for what it is.
    if suffix in EXCEL_SUFFIXES or data.startswith(b"PK\x03\x04"):
        return _read_workbook(path, data, header_detector)
    return _read_text(path, data, header_detector)


# ---------------------------------------------------------------------------------- common part


def _clean(cell: str) -> str:
    # A control character (a vertical tab for a line break in old Excel files, a stray bell)
    # would later break the spreadsheets and documents written from the list.
    return printable(cell).strip().strip(_INVISIBLE).strip()


def _score(cells: Sequence[str], detector: HeaderDetector | None) -> int:
    return detector(cells) if detector is not None else 0


def _find_header(
    records: Iterator[tuple[int, list[str]]], detector: HeaderDetector | None
) -> tuple[int, list[str], list[tuple[int, list[str]]]] | None:
    """Find the header among the first non-blank records; also return the records read after it.

    None when there is no non-blank record at all.
    """
    candidates: list[tuple[int, list[str]]] = []
    for line, cells in records:
        if any(cells):
            candidates.append((line, cells))
            if detector is None or len(candidates) >= HEADER_SEARCH_ROWS:
                break
    if not candidates:
        return None
    best, best_score = 0, 0
    for index, (_line, cells) in enumerate(candidates):
        score = _score(cells, detector)
        if score > best_score:
            best, best_score = index, score
    line, headers = candidates[best]
    return line, headers, candidates[best + 1 :]


def _make_table(
    found: tuple[int, list[str], list[tuple[int, list[str]]]],
    rest: Iterable[tuple[int, list[str]]],
    *,
    file: str,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
) -> Table:
    header_line, headers, already_read = found
    kept: list[tuple[int, list[str]]] = []
    width = _used_width(headers)
    text = encoding is not None
    check_row(file, header_line, headers, width, text=text)
    for line, cells in chain(already_read, rest):
        used = _used_width(cells)
        if used:
            check_row(file, line, cells, used, text=text)
            # Only the used cells are kept: a sheet formatted out to its last column would
            # otherwise keep 16,384 empty cells per row.
            kept.append((line, cells[:used]))
            width = max(width, used)
            if len(kept) > limits.MAX_ROWS:
                raise too_many_rows(file)
    return Table(
        headers=_fit(headers, width),
        header_line=header_line,
        rows=tuple(TableRow(line, _fit(cells, width)) for line, cells in kept),
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
    )


def _used_width(cells: list[str]) -> int:
    for index in range(len(cells) - 1, -1, -1):
        if cells[index]:
            return index + 1
    return 0


def _fit(cells: list[str], width: int) -> tuple[str, ...]:
    if len(cells) >= width:
        return tuple(cells[:width])
    return tuple(cells) + ("",) * (width - len(cells))


# ---------------------------------------------------------------------------------- text files


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text table; returns the text and the encoding that worked."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            _(
                "{file} is in fact an old Excel (.xls) workbook. Open it in Excel or LibreOffice "
                "and save it as .xlsx or CSV."
            ).format(file=path.name)
        )
    if b"\x00" in data:
        raise TableError(
            _("{file} is not a text table (it contains binary data).").format(file=path.name)
            + " "
            + _accepted_formats()
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8"
        return text, encoding
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


class _CsvError(csv.Error):
    """A CSV parse error that knows the line where the faulty record starts, and its kind."""

    def __init__(self, line: int, too_long: bool) -> None:
        super().__init__(line)
        self.line = line
        self.too_long = too_long


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Parse CSV text into (line where the record starts, raw cells)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        # The csv module stops a cell at its field size limit (131,072 characters).
        raise _CsvError(start, "field larger than field limit" in str(error)) from error


def _sniff(text: str) -> str | None:
    """The delimiter that splits most of the first records into one same number of columns."""
    best: tuple[int, int, int, int] | None = None
    chosen: str | None = None
    for preference, delimiter in enumerate(DELIMITERS):
        widths: dict[int, int] = {}
        total = 0
        try:
            for _line, cells in _records(text, delimiter):
                # Rows of empty cells (";;;" in Excel exports) still show the delimiter.
                if len(cells) > 1 or (cells and cells[0].strip()):
                    widths[len(cells)] = widths.get(len(cells), 0) + 1
                    total += 1
                    if total >= _SNIFF_RECORDS:
                        break
        except csv.Error:
            continue
        split = sum(n for width, n in widths.items() if width > 1)
        # Title rows may stay whole, but most records must be split by the right delimiter.
        if split == 0 or 2 * split < total:
            continue
        agreeing, width = max((n, width) for width, n in widths.items() if width > 1)
        score = (agreeing, split, width, -preference)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _clean_records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for line, cells in _records(text, delimiter):
            yield line, [_clean(cell) for cell in trimmed(path.name, line, cells)]
    except _CsvError as error:
        if error.too_long:
            raise too_long(path.name, error.line, None) from error
        raise unclosed_quote(path.name, error.line) from error


def _read_text(path: Path, data: bytes, detector: HeaderDetector | None) -> Table:
    text, encoding = _decode(path, data)
    check_separators(path.name, text)
    delimiter = _sniff(text)
    parse_with = delimiter or _NO_DELIMITER
    records = _clean_records(path, text, parse_with)
    found = _find_header(records, detector)
    if found is None:
        raise TableError(_("{file} is empty.").format(file=path.name))
    table = _make_table(
        found, records, file=path.name, encoding=encoding, delimiter=delimiter, sheet=None
    )
    _check_last_record(path, text, parse_with, table)
    return table


def _check_last_record(path: Path, text: str, delimiter: str, table: Table) -> None:
    """Refuse a file whose last record swallowed the end of the file into an unclosed quote."""
    if not table.rows:
        return
    last = table.rows[-1]
    if not any("\n" in cell or "\r" in cell for cell in last.cells):
        return
    tail = "".join(io.StringIO(text, newline="").readlines()[last.line - 1 :])
    try:
        for _cells in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        raise unclosed_quote(path.name, last.line) from error


# ---------------------------------------------------------------------------------- workbooks


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        # Phone numbers typed in Excel come back as 771234567.0.
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return _clean(str(value))


def _sheet_records(sheet: Any, file: str, budget: RecordBudget) -> Iterator[tuple[int, list[str]]]:
    # Some generators write a wrong size in the sheet; read what is really there.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    for row_number, values in enumerate(rows, start=1):
        budget.spend()
        yield row_number, [_cell_text(value) for value in trimmed(file, row_number, values)]


def _unreadable_workbook(path: Path) -> TableError:
    return TableError(
        _(
            "{file} cannot be read as an Excel workbook: it may be damaged, protected by a "
            "password, or not really an .xlsx file."
        ).format(file=path.name)
    )


def _read_workbook(path: Path, data: bytes, detector: HeaderDetector | None) -> Table:
    # Deferred: only Excel files pay for importing openpyxl.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # What openpyxl, zipfile, zlib and the XML parser raise on damaged or disguised files.
    damaged = (
        InvalidFileException, zipfile.BadZipFile, zlib.error, struct.error, EOFError, OSError,
        KeyError, IndexError, TypeError, ValueError, SyntaxError, RuntimeError,
    )  # fmt: skip
    check_workbook(path.name, data, _unreadable_workbook(path))
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, styles...): none hold values.
        warnings.simplefilter("ignore")
        try:
            # From memory: no file handle left open, and no refusal of a workbook named .csv.
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except damaged as error:
            raise _unreadable_workbook(path) from error
        try:
            return _workbook_table(path, workbook, detector)
        except TableError:
            raise
        except damaged as error:  # a sheet can be damaged even when the workbook opened
            raise _unreadable_workbook(path) from error
        finally:
            workbook.close()


def _workbook_table(path: Path, workbook: Any, detector: HeaderDetector | None) -> Table:
    sheets = list(workbook.worksheets)
    check_sheet_count(path.name, len(sheets))
    budget = RecordBudget(path.name)
    if detector is not None:
        for sheet in sheets:
            records = _sheet_records(sheet, path.name, budget)
            found = _find_header(records, detector)
            if found is not None and detector(found[1]) > 0:
                return _make_table(
                    found, records, file=path.name, encoding=None, delimiter=None, sheet=sheet.title
                )
    # No sheet has a recognisable header: the sheet the organiser left open is the best guess.
    active = workbook.active
    if active in sheets:
        sheets.remove(active)
        sheets.insert(0, active)
    for sheet in sheets:
        records = _sheet_records(sheet, path.name, budget)
        found = _find_header(records, None)
        if found is not None:
            return _make_table(
                found, records, file=path.name, encoding=None, delimiter=None, sheet=sheet.title
            )
    raise TableError(_("{file} is empty.").format(file=path.name))
