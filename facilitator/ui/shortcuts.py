"""Every keyboard shortcut of the app, gathered from the windows themselves (F1 shows them).

The list is read from the live QActions and QShortcuts of the main window and its screens, so it
cannot go stale: a shortcut added to a screen appears in the help with its action's text. Keys a
screen reads itself (the timer's Space, N, P…) are declared in KEY_HELP next to the method that
handles them; a test reads those methods and fails when a key is handled but not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from facilitator.i18n import N_, _

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

EVERYWHERE = "everywhere"
PROJECTOR = "projector"


@dataclass(frozen=True)
class Shortcut:
    """One line of the help: where it works, its keys as printed on the keyboard, what it does."""

    area: str  # « Partout », « Projecteur », or a screen's name (› its tab)
    keys: str
    description: str
    order: int = 0  # areas in the order of the navigation bar


@dataclass(frozen=True)
class KeyHelp:
    """Keys a widget reads in its own key handler (no QAction to read them from)."""

    widget: str  # module:Class of the widget the keys work in (its place gives the area)
    keys: str  # portable text for QKeySequence, several separated by « , »
    description: str  # N_(): translated when shown
    method: str = ""  # the method comparing the keys with `key_names` ("": a signal reads it)
    key_names: tuple[str, ...] = ()  # the Qt.Key names that method compares with
    area: str = ""  # PROJECTOR for a window of its own (not inside the main window)

    @property
    def handler(self) -> str:
        return f"{self.widget}.{self.method}" if self.method else ""


_TIMER = "facilitator.ui.agenda.timer_screen:TimerScreen"
_NOTES = "facilitator.ui.agenda.notes_panel:AgendaNotesPanel"
_DESK = "facilitator.ui.desk.screen:DeskScreen"
_NAMES = "facilitator.ui.desk.name_search:NameSearch"
_ENTRY = "facilitator.ui.restitutions.entry:ItemEntry"
_PROJECTOR_WINDOW = "facilitator.ui.agenda.projector:ProjectorWindow"
_KEYS = "keyPressEvent"
_FILTER = "eventFilter"
KEY_HELP: tuple[KeyHelp, ...] = (
    KeyHelp(_TIMER, "Space", N_("Start or pause the timer"), _KEYS, ("Key_Space",)),
    KeyHelp(_TIMER, "N", N_("Next item"), _KEYS, ("Key_N",)),
    KeyHelp(_TIMER, "P", N_("Previous item"), _KEYS, ("Key_P",)),
    KeyHelp(_TIMER, "+", N_("One more minute for the item"), _KEYS, ("Key_Plus", "Key_Equal")),
    KeyHelp(_TIMER, "-", N_("One minute less for the item"), _KEYS,
            ("Key_Minus", "Key_Underscore")),
    KeyHelp(_TIMER, "R", N_("Re-plan the rest of the day"), _KEYS, ("Key_R",)),
    KeyHelp(_TIMER, "Ctrl+Z", N_("Undo the new plan"), _KEYS, ("Key_Z",)),
    KeyHelp(_NOTES, "Esc", N_("Leave the notes (they are saved)"), _FILTER, ("Key_Escape",)),
    KeyHelp(_DESK, "Enter", N_("After a scan or a typed badge code: check the person in")),
    KeyHelp(_NAMES, "Up, Down, PgUp, PgDown", N_("Move in the names found")),
    KeyHelp(_NAMES, "Esc", N_("Clear the name search and go back to scanning"), _FILTER,
            ("Key_Escape",)),
    KeyHelp(_PROJECTOR_WINDOW, "Space, N, P, +, -",
            N_("The timer's keys work in the projector window too"), area=PROJECTOR),
    KeyHelp(_PROJECTOR_WINDOW, "Esc", N_("Leave the projector window"), _KEYS,
            ("Key_Escape",), area=PROJECTOR),
    KeyHelp(_PROJECTOR_WINDOW, "PgDown, Right, Down",
            N_("In the projector window: the next page or group (a presenter's remote too)"),
            area=PROJECTOR),
    KeyHelp(_PROJECTOR_WINDOW, "PgUp, Left, Up",
            N_("In the projector window: the previous page or group"), area=PROJECTOR),
    KeyHelp(_ENTRY, "Enter", N_("Save the item typed and start the next one")),
    KeyHelp(_ENTRY, "Esc", N_("Save the item being changed and go back to a new one"), _FILTER,
            ("Key_Escape",)),
)  # fmt: skip

# Keys read by a handler that are ordinary editing keys, not shortcuts to learn.
EDITING_KEYS: dict[str, frozenset[str]] = {
    "facilitator.ui.desk.fields:ScanField.event": frozenset({"Key_Tab"}),  # a scanner's suffix
    "facilitator.ui.widgets.search_dialog:SearchDialog.eventFilter": frozenset(
        {"Key_Up", "Key_Down"}  # from the search field into its results
    ),
    "facilitator.ui.widgets.time_field:TimeField.keyPressEvent": frozenset(
        {"Key_Up", "Key_Down"}  # five minutes up or down, as a spin box does
    ),
    "facilitator.ui.workshops.date_edit:DateEdit.keyPressEvent": frozenset(
        {"Key_Backspace", "Key_Escape"}  # clearing a date field
    ),
}

# What a shortcut does when its action has no text of its own (the screen shows a button).
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("desk", "Ctrl+Z"): N_("Undo the last check-in"),
    ("desk", "Ctrl+F"): N_("Find a participant by name"),
    ("desk", "Ctrl+N"): N_("Register a walk-in"),
    ("desk", "Ctrl+P"): N_("Reprint a badge"),
    ("desk", "Alt+G"): N_("Put the person just checked in in the group offered"),
    ("desk", "Alt+O"): N_("Yes: record the check-ins held for a day outside the workshop's"),
    ("desk", "Alt+N"): N_("No: record nothing today on this desk"),
    ("participants", "Ctrl+F"): N_("Search"),
    ("participants", "Ctrl+N"): N_("Add a participant"),
    ("participants", "Del"): N_("Delete the selected participants"),
    ("restitutions", "Del"): N_("Delete the selected item"),
    ("restitutions", "F2"): N_("Change the selected item"),
}

# The same, for the keys of the platform's standard actions (Redo is Ctrl+Y on Windows).
STANDARD_DESCRIPTIONS: tuple[tuple[QKeySequence.StandardKey, str], ...] = (
    (QKeySequence.StandardKey.Undo, N_("Undo")),
    (QKeySequence.StandardKey.Redo, N_("Redo")),
)

_TRAILING_KEYS = re.compile(r"\s*\([^()]*\)\s*$")  # « Move to the next group (Ctrl+Right) »


def native(keys: QKeySequence) -> str:
    """The keys as the keyboard and the menus print them (« Ctrl+Maj+Z », « Suppr »).

    The big ↵ key is « Entrée » on a French keyboard, where Qt names it « Retour ».
    """
    text = keys.toString(QKeySequence.SequenceFormat.NativeText)
    enter = QKeySequence(Qt.Key.Key_Enter).toString(QKeySequence.SequenceFormat.NativeText)
    ret = QKeySequence(Qt.Key.Key_Return).toString(QKeySequence.SequenceFormat.NativeText)
    return re.sub(rf"\b{re.escape(ret)}\b", enter, text) if ret and enter else text


def _described(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    if any(c.isalpha() for c in text):
        return text
    tip = _TRAILING_KEYS.sub("", action.toolTip()).strip()  # « ◀ »: its tooltip says it
    return tip if any(c.isalpha() for c in tip) else ""


def _tab_of(widget: QWidget) -> str:
    """The text of the nearest tab holding `widget`, or ""."""
    node: QWidget | None = widget
    while node is not None:
        stack = node.parentWidget()
        tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(node) >= 0:
            return tabs.tabText(tabs.indexOf(node)).replace("&", "")
        node = stack
    return ""


class ShortcutReader:
    """Reads the shortcuts of one main window, with the area each works in."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.screens = {id(screen): name for name, screen in window.screens.items()}
        self.order = {name: index for index, name in enumerate(window.screens, start=2)}

    @staticmethod
    def projector_area() -> tuple[str, int]:
        return _("Projector (also from its window)"), 1

    def screen_label(self, name: str) -> str:
        action = self.window.navigation.get(name)
        return action.text().replace("&", "") if action else name

    def area(self, owner: QObject | None) -> tuple[str, str, int]:
        """(screen name or EVERYWHERE/PROJECTOR, area label, order) of an action's owner."""
        node = owner
        while node is not None and node is not self.window:
            name = self.screens.get(id(node))
            if name is not None:
                label = self.screen_label(name)
                tab = _tab_of(owner) if isinstance(owner, QWidget) else ""
                return name, f"{label} › {tab}" if tab else label, self.order[name]
            if type(node).__name__ == "ProjectorControl":
                return PROJECTOR, *self.projector_area()
            node = node.parent()
        return EVERYWHERE, _("Everywhere"), 0

    def from_actions(self) -> list[Shortcut]:
        found: list[Shortcut] = []
        seen: set[tuple[str, str]] = set()
        for action in self.window.findChildren(QAction):
            if not action.shortcuts():
                continue
            name, area, order = self.area(action.parent())
            keys = ", ".join(native(k) for k in action.shortcuts())
            description = _described(action) or self._fallback(name, action.shortcuts())
            if (area, keys) not in seen:
                seen.add((area, keys))
                found.append(Shortcut(area, keys, description, order))
        for shortcut in self.window.findChildren(QShortcut):
            name, area, order = self.area(shortcut.parent())
            keys = native(shortcut.key())
            description = shortcut.whatsThis() or self._fallback(name, [shortcut.key()])
            found.append(Shortcut(area, keys, description, order))
        return found

    def _fallback(self, screen: str, keys: Iterable[QKeySequence]) -> str:
        for sequence in keys:
            portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            text = DESCRIPTIONS.get((screen, portable))
            if text:
                return _(text)
            for standard, generic in STANDARD_DESCRIPTIONS:
                if sequence in QKeySequence.keyBindings(standard):
                    return _(generic)
        return ""

    def from_handlers(self) -> list[Shortcut]:
        found = []
        for entry in KEY_HELP:
            keys = ", ".join(native(QKeySequence(k.strip())) for k in entry.keys.split(","))
            if entry.area == PROJECTOR:  # its own window, outside the main one
                area, order = self.projector_area()
                found.append(Shortcut(area, keys, _(entry.description), order))
                continue
            areas = {self.area(widget)[1:] for widget in find_widgets(self.window, entry.widget)}
            for area, order in sorted(areas, key=lambda a: a[1]):  # each place it works in
                found.append(Shortcut(area, keys, _(entry.description), order))
        return found


def find_widgets(window: QWidget, path: str) -> list[QWidget]:
    """The widgets of `window` of the class `module:Class`."""
    module, _sep, name = path.partition(":")
    return [
        widget
        for widget in window.findChildren(QWidget)
        if type(widget).__name__ == name and type(widget).__module__ == module
    ]


def shortcuts_of(window: MainWindow) -> list[Shortcut]:
    """Every shortcut of the window, grouped by area in the navigation bar's order."""
    reader = ShortcutReader(window)
    every = reader.from_actions() + reader.from_handlers()
    return sorted(every, key=lambda s: (s.order, s.area))  # stable: screens keep their order
