"""What a participant list never exceeds, checked before the file is read whole.

A damaged or hostile file must not exhaust the laptop's memory or hold the import for minutes: a
490 KB workbook holding one 500 MB cell took 2.6 GB. 10,000 people are about 1 MB in either
format; every bound here is far above what organisers send.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import TypeVar

from facilitator.i18n import _, number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_WORKBOOK_BYTES = 64 * 1024 * 1024  # its parts once unpacked (100,000 rows take about 50 MB)
# Parts read whole into memory by openpyxl, whatever the sheet: at most what 100,000 rows need.
MAX_PART_BYTES = {"xl/sharedStrings.xml": 24 * 1024 * 1024, "xl/styles.xml": 4 * 1024 * 1024}
MAX_SHEETS = 50
MAX_ROWS = 100_000
# Rows read in all, blank ones included (a sheet formatted down to row 1,048,576 has as many).
MAX_RECORDS = 3 * MAX_ROWS
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
# Separators on one line of a text file past which it cannot be a list (read before parsing it:
# the csv module builds the whole line's cells first).
MAX_SEPARATORS = 20 * MAX_COLUMNS
_SEPARATORS = re.compile(r"[;,\t]")
T = TypeVar("T")


class TableError(ValueError):
    """A file that cannot be read as a table; str() is a translated message saying why."""


def megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f}" if mb >= 10 else f"{mb:.1f}"


def too_large(file: str, size: int) -> TableError:
    return TableError(
        _("{file} is too large for a participant list ({size} MB; at most {limit} MB).").format(
            file=file, size=megabytes(size), limit=megabytes(MAX_FILE_BYTES)
        )
    )


def too_many_rows(file: str) -> TableError:
    return TableError(
        _("{file} has more than {limit} rows; split it into several files.").format(
            file=file, limit=number(MAX_ROWS)
        )
    )


def too_many_columns(file: str, line: int, count: int) -> TableError:
    return TableError(
        _("{file}, line {line} has {count} columns; a participant list has at most {limit}.")
        .format(file=file, line=line, count=number(count), limit=MAX_COLUMNS)
    )  # fmt: skip


def too_long(file: str, line: int, column: int | None) -> TableError:
    limit = number(MAX_CELL_CHARS)
    if column is None:
        return TableError(
            _("{file}, line {line}: a cell is longer than {limit} characters.").format(
                file=file, line=line, limit=limit
            )
        )
    return TableError(
        _("{file}, line {line}, column {column}: the cell is longer than {limit} characters.")
        .format(file=file, line=line, column=column, limit=limit)
    )  # fmt: skip


def unclosed_quote(file: str, line: int) -> TableError:
    return TableError(
        _("{file}, line {line}: a quotation mark opened in a cell is never closed.").format(
            file=file, line=line
        )
    )


def check_row(file: str, line: int, cells: list[str], used: int, *, text: bool) -> None:
    """Refuse a row wider, or a cell longer, than any participant list has.

    In a text file, a cell that swallowed line breaks past the limit comes from a quotation mark
    left open, and is called so.
    """
    if used > MAX_COLUMNS:
        raise too_many_columns(file, line, used)
    for column, cell in enumerate(cells[:used], start=1):
        if len(cell) > MAX_CELL_CHARS:
            if text and ("\n" in cell or "\r" in cell):
                raise unclosed_quote(file, line)
            raise too_long(file, line, column)


def trimmed(file: str, line: int, values: Sequence[T]) -> list[T]:
    """A row cut to MAX_COLUMNS cells, refused if something is written past them.

    Counted at C speed: a sheet formatted out to column XFD gives 16,384 cells on every row.
    """
    if len(values) <= MAX_COLUMNS:
        return list(values)
    rest: list[object] = list(values[MAX_COLUMNS:])
    if len(rest) - rest.count(None) - rest.count("") > 0:
        last = max(i for i, value in enumerate(rest) if value not in (None, ""))
        raise too_many_columns(file, line, MAX_COLUMNS + last + 1)
    return list(values[:MAX_COLUMNS])


class RecordBudget:
    """Rows read so far, blank ones included, across every sheet of a file."""

    def __init__(self, file: str) -> None:
        self.file, self.spent = file, 0

    def spend(self) -> None:
        self.spent += 1
        if self.spent > MAX_RECORDS:
            raise too_many_rows(self.file)


def check_separators(file: str, text: str) -> None:
    """Refuse a text file with a line no list has (thousands of separators), before parsing it."""
    for line, content in enumerate(text.splitlines(), start=1):
        if len(content) > MAX_SEPARATORS and len(_SEPARATORS.findall(content)) > MAX_SEPARATORS:
            raise too_many_columns(file, line, len(_SEPARATORS.findall(content)) + 1)


def check_workbook(file: str, data: bytes, unreadable: TableError) -> None:
    """Refuse a workbook whose parts would take too much memory or time once unpacked.

    The sizes the archive declares are what reading a part can produce: zipfile stops a deflated
    or stored part at its declared size. Other compressions (bzip2, lzma) are inflated whole
    before that, and no spreadsheet program writes them: they are refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, struct.error, EOFError, ValueError) as error:
        raise unreadable from error
    if any(part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for part in parts):
        raise unreadable
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_WORKBOOK_BYTES:
        raise TableError(
            _(
                "{file} unpacks to {size} MB, more than any participant list ({limit} MB at most): "
                "it may hold something else, such as images or a very long text."
            ).format(file=file, size=megabytes(unpacked), limit=megabytes(MAX_WORKBOOK_BYTES))
        )
    for part in parts:
        limit = MAX_PART_BYTES.get(part.filename)
        if limit is not None and part.file_size > limit:
            raise TableError(
                _(
                    "{file}: its part {part} unpacks to {size} MB, more than any participant list "
                    "needs ({limit} MB at most)."
                ).format(
                    file=file,
                    part=part.filename,
                    size=megabytes(part.file_size),
                    limit=megabytes(limit),
                )
            )


def check_sheet_count(file: str, count: int) -> None:
    if count > MAX_SHEETS:
        raise TableError(
            _("{file} has {count} sheets; a participant list has at most {limit}.").format(
                file=file, count=number(count), limit=MAX_SHEETS
            )
        )
