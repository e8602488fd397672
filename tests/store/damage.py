"""Damage an event file the way a failing disk does: one bit flipped in one stored byte.

The page is found with SQLite's dbstat table, so the flip lands in the b-tree named (an index or a
table) and nowhere else; the file must be closed and its write-ahead log checkpointed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def flip_bit(path: Path, btree: str, needle: bytes, *, offset: int = 0, bit: int = 0x01) -> None:
    """Flip `bit` of the byte at `offset` inside the first copy of `needle` stored in `btree`."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (btree,))
        ]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * page_size
        found = data.find(needle, start, start + page_size)
        if found >= 0:
            data[found + offset] ^= bit
            path.write_bytes(bytes(data))
            return
    raise AssertionError(f"{needle!r} is not stored in {btree}")


def first_value(path: Path, query: str) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute(query).fetchone()[0]).encode()
    finally:
        conn.close()


def break_an_index(path: Path) -> None:
    """One flipped bit in a participant's name inside the name index: a quick check passes."""
    key = first_value(path, "SELECT name_key FROM participants ORDER BY id LIMIT 1")
    flip_bit(path, "ix_participants_name_key", key)


def damage_a_check_in_time(path: Path) -> None:
    """One flipped bit in a stored check-in time: « 2023-10-27 » becomes « 2023%10-27 »."""
    stamp = first_value(path, "SELECT checked_in_at FROM checkins ORDER BY id LIMIT 1")
    flip_bit(path, "checkins", stamp, offset=4, bit=0x08)
