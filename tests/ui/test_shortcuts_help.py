"""F1 lists every shortcut of the app: compared with what the windows and key handlers define."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.workshops import find_workshop
from facilitator.ui.context import AppContext
from facilitator.ui.main_window import MainWindow
from facilitator.ui.shortcuts import (
    DESCRIPTIONS,
    EDITING_KEYS,
    KEY_HELP,
    PROJECTOR,
    find_widgets,
    native,
)
from facilitator.ui.shortcuts_dialog import ShortcutsDialog

UI = Path(__file__).resolve().parents[2] / "facilitator" / "ui"
HANDLERS = ("keyPressEvent", "eventFilter", "event")


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> Iterator[MainWindow]:
    context = AppContext(demo_db)
    context.set_workshop(context.read(lambda s: find_workshop(s, "m4sd-cloture-thies-2023").id))
    win = MainWindow(context, remember=False)
    win.resize(1366, 700)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()
    QApplication.processEvents()


def key(portable: str) -> str:
    """The keys as the help prints them (« Ctrl+Maj+J » once Qt speaks French)."""
    return native(QKeySequence(portable))


def open_help(qtbot: QtBot, window: MainWindow) -> ShortcutsDialog:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_f1_and_the_help_menu_open_the_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_help(qtbot, window)
    assert dialog.windowTitle() == "Raccourcis clavier"
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    entry = next(a for a in menus["&Aide"].actions() if a.text() == "Raccourcis clavier")
    assert entry.shortcut() == QKeySequence("F1")
    dialog.close()
    entry.trigger()
    assert window.shortcuts_dialog is not None and window.shortcuts_dialog.isVisible()


def test_every_shortcut_the_windows_define_is_listed(qtbot: QtBot, window: MainWindow) -> None:
    rows = open_help(qtbot, window).rows()
    assert all(description for _area, _keys, description in rows), "a line says nothing"
    listed = {(keys, description) for _area, keys, description in rows}
    missing = []
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            if not any(native(sequence) in keys.split(", ") for keys, _d in listed):
                missing.append(f"{action.text() or action.objectName()}: {native(sequence)}")
    for shortcut in window.findChildren(QShortcut):
        if not any(native(shortcut.key()) in keys.split(", ") for keys, _d in listed):
            missing.append(f"QShortcut {native(shortcut.key())}")
    assert missing == []
    # The contract's keys, with what they open.
    wanted = {("Ctrl+1", "Accueil"), ("Ctrl+2", "Agenda et minuteur"), ("Ctrl+3", "Groupes"),
              ("Ctrl+4", "Restitutions"), ("Ctrl+5", "Synthèse"),
              ("F5", "Fenêtre du projecteur")}  # fmt: skip
    assert wanted <= listed
    by_area = {(area, keys): description for area, keys, description in rows}
    assert by_area[("Agenda et minuteur › Minuteur", key("Space"))].startswith("Démarrer")
    assert by_area[("Accueil", "Ctrl+N")] == "Enregistrer une personne non inscrite"
    assert by_area[("Groupes", key("Ctrl+Right"))] == "Déplacer vers le groupe suivant"
    assert ("Agenda et minuteur › Programme", key("Ctrl+Shift+V")) in by_area
    assert by_area[("Participants", key("Ctrl+Z"))] == "Annuler"
    projector = "Projecteur (aussi depuis sa fenêtre)"
    assert by_area[(projector, key("Space") + ", N, P, +, -")].startswith("Les touches du minuteur")


@pytest.mark.parametrize("width", [1366, 1024])
def test_every_line_of_the_help_shows_whole(qtbot: QtBot, window: MainWindow, width: int) -> None:
    """The tester read « …(aussi avec une t… »: a long line wraps, its row as tall as it needs."""
    window.resize(width, 700)
    dialog = open_help(qtbot, window)
    tree = dialog.tree
    qtbot.wait(20)
    metrics = tree.fontMetrics()
    # The style keeps a text margin on each side of a cell (what Qt's item views use).
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    checked = 0
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item.isFirstColumnSpanned():
            continue
        rect = tree.visualItemRect(item)
        for column in (0, 1):
            room = tree.header().sectionSize(column) - 2 * margin
            needed = metrics.boundingRect(
                QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, item.text(column)
            )
            assert needed.width() <= room, item.text(column)
            assert needed.height() <= rect.height(), (item.text(column), rect.height())
        checked += 1
    assert checked > 30
    widest = max(
        metrics.horizontalAdvance(tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    )
    assert widest > tree.header().sectionSize(1), "no line long enough to wrap here: test one"
    assert right_inside(dialog)


def right_inside(dialog: ShortcutsDialog) -> bool:
    """No column runs past the list's visible width (nothing to scroll sideways for)."""
    header = dialog.tree.header()
    last = header.count() - 1
    return header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        dialog.tree.viewport().width()
    )


def test_a_new_shortcut_shows_at_once(qtbot: QtBot, window: MainWindow) -> None:
    extra = QAction("Tout imprimer", window.groups_screen)
    extra.setShortcut(QKeySequence("Ctrl+Shift+J"))
    window.groups_screen.addAction(extra)
    rows = open_help(qtbot, window).rows()
    assert ("Groupes", key("Ctrl+Shift+J"), "Tout imprimer") in rows


def test_the_filter_keeps_the_matching_lines(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_help(qtbot, window)
    qtbot.keyClicks(dialog.filter, "projecteur")
    areas = {area for area, _keys, _description in dialog.rows()}
    assert areas == {"Projecteur (aussi depuis sa fenêtre)"}
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "ecran noir")  # without the accent
    assert [keys for _area, keys, _d in dialog.rows()] == ["Ctrl+B"]


def _handler_keys() -> dict[str, set[str]]:
    """module:Class.method → the Qt.Key names each key handler of the ui package compares."""
    found: dict[str, set[str]] = {}
    for path in sorted(UI.rglob("*.py")):
        module = ".".join(path.relative_to(UI.parents[1]).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for method in node.body:
                if isinstance(method, ast.FunctionDef) and method.name in HANDLERS:
                    keys = {
                        n.attr
                        for n in ast.walk(method)
                        if isinstance(n, ast.Attribute) and n.attr.startswith("Key_")
                    }
                    if keys:
                        found[f"{module}:{node.name}.{method.name}"] = keys
    return found


def test_keys_read_by_the_screens_themselves_are_listed() -> None:
    documented: dict[str, set[str]] = {}
    for entry in KEY_HELP:
        if entry.handler:
            documented.setdefault(entry.handler, set()).update(entry.key_names)
    problems = []
    read_by = _handler_keys()
    for handler, keys in read_by.items():
        left = keys - documented.get(handler, set()) - EDITING_KEYS.get(handler, frozenset())
        if left:
            problems.append(f"{handler} reads {sorted(left)}: add them to KEY_HELP")
    for handler, keys in documented.items():  # and nothing listed that is no longer read
        gone = keys - read_by.get(handler, set())
        if gone:
            problems.append(f"{handler} no longer reads {sorted(gone)}")
    assert problems == []


def test_each_place_and_text_of_the_help_exists(window: MainWindow) -> None:
    for entry in KEY_HELP:
        if entry.area == PROJECTOR:  # a window of its own: the class must still exist
            module, _sep, name = entry.widget.partition(":")
            assert hasattr(importlib.import_module(module), name), entry.widget
        else:
            assert find_widgets(window, entry.widget), f"no {entry.widget} in the window"
    # A description kept for a text-less action names a shortcut that is still there.
    defined = {
        (name, sequence.toString(QKeySequence.SequenceFormat.PortableText))
        for name, screen in window.screens.items()
        for action in screen.findChildren(QAction)
        for sequence in action.shortcuts()
    }
    assert set(DESCRIPTIONS) <= defined, set(DESCRIPTIONS) - defined
