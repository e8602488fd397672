"""Files that appear only once complete: written under a temporary name, then renamed.

Every document the app writes names participants (badges, lists, attendance sheets, reports,
payment sheets), so each is readable by its owner only, like the event file itself.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


@contextmanager
def replaced_when_done(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that takes its place only if the block completes.

    The target is untouched by a failure mid-way; the temporary file is removed either way.
    """
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
            break
        except FileExistsError:
            continue
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    with replaced_when_done(path) as temporary:
        temporary.write_bytes(data)
