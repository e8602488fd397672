"""The colour of each participant type, one source for every screen that shows types.

A type's colour is the one chosen in the workshop's settings (stored with the type); the
participants table and the group cards both ask here, so a type looks the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QColor

# For a type with no valid stored colour: steady per name, so it matches from card to card.
FALLBACK_COLOURS = ("#1565C0", "#2E7D32", "#6A1B9A", "#AD1457", "#EF6C00", "#00838F", "#5D4037")


def type_colour(type_name: str, stored: str = "") -> QColor:
    """The type's colour: the stored one when valid, else a steady one drawn from its name."""
    colour = QColor(stored) if stored else QColor()
    if colour.isValid():
        return colour
    return QColor(FALLBACK_COLOURS[sum(map(ord, type_name)) % len(FALLBACK_COLOURS)])


def colour_of(type_name: str, stored_by_name: Mapping[str, str]) -> QColor:
    """The colour of a type known by its name only, from the workshop's {name: stored colour}."""
    return type_colour(type_name, stored_by_name.get(type_name, ""))


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on the background (light colours can be chosen)."""
    luminance = (
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF()
    )
    return QColor("black") if luminance > 0.55 else QColor("white")
