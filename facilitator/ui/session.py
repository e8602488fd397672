"""Where the organiser was, per event file: the workshop and the screen in use.

Written at each change and flushed to disk at once, so that the app reopens there after a normal
quit and after a crash alike. Kept in the app's settings under a key made from the event file's
path (or its database URL), so two event files never share a memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from sqlalchemy.engine import make_url

from facilitator.store.database import Database
from facilitator.ui.app import APP_NAME


@dataclass(frozen=True)
class Place:
    """The workshop (its id) and the screen (its name in the main window) last in use."""

    workshop_id: int | None
    screen: str | None


def event_key(db: Database) -> str:
    """A settings key for one event file: short, stable, and free of the path's slashes."""
    if db.path is not None:
        name = str(db.path.resolve())
    else:  # a server: the URL without its password
        name = make_url(db.url).render_as_string(hide_password=True)
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


class SessionMemory:
    """Remembers and recalls the place in use for one event file."""

    def __init__(self, db: Database) -> None:
        self.group = f"session/{event_key(db)}"

    def recall(self) -> Place:
        settings = QSettings(APP_NAME, APP_NAME)
        settings.sync()  # what another run of the app wrote since this one read the file
        workshop = settings.value(f"{self.group}/workshop")
        screen = settings.value(f"{self.group}/screen")
        try:
            workshop_id = int(workshop) if workshop not in (None, "") else None
        except (TypeError, ValueError):
            workshop_id = None
        return Place(workshop_id or None, screen if isinstance(screen, str) and screen else None)

    def remember(self, place: Place) -> None:
        """Write the place, on disk before returning: a crash right after must not lose it."""
        if place == self.recall():
            return
        settings = QSettings(APP_NAME, APP_NAME)
        settings.setValue(f"{self.group}/workshop", place.workshop_id or 0)
        settings.setValue(f"{self.group}/screen", place.screen or "")
        settings.sync()
