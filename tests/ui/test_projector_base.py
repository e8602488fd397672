"""Projector data views: one read for a burst of changes, none while hidden, one when shown."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.ui.agenda.projector_base import BACKGROUND, RELOAD_MS, ProjectorDataView
from facilitator.ui.agenda.projector_groups_view import GroupsProjectorView
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.context import AppContext


class CountingView(ProjectorDataView):
    """Counts its reads instead of reading a database."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, ("groups", "participants"), parent)
        self.reads = 0

    def _read(self) -> None:
        self.reads += 1


def shown_view(qtbot: QtBot, db: Database) -> CountingView:
    view = CountingView(AppContext(db))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_burst_of_changes_reads_once(qtbot: QtBot, db: Database) -> None:
    view = shown_view(qtbot, db)
    for _ in range(5):
        view.context.data_changed.emit("groups")
        view.context.data_changed.emit("participants")
    assert view.reads == 0  # not yet: the burst may go on
    qtbot.waitUntil(lambda: view.reads == 1)
    qtbot.wait(RELOAD_MS * 3)
    assert view.reads == 1


def test_changes_elsewhere_are_ignored(qtbot: QtBot, db: Database) -> None:
    view = shown_view(qtbot, db)
    view.context.data_changed.emit("agenda")
    qtbot.wait(RELOAD_MS * 3)
    assert view.reads == 0


def test_a_hidden_view_reads_once_when_shown(qtbot: QtBot, db: Database) -> None:
    view = CountingView(AppContext(db))
    qtbot.addWidget(view)
    view.context.data_changed.emit("groups")
    view.context.data_changed.emit("groups")
    qtbot.wait(RELOAD_MS * 3)
    assert view.reads == 0
    view.show()
    assert view.reads == 1
    view.hide()
    view.show()
    assert view.reads == 1  # nothing changed meanwhile


def test_reading_now_drops_the_pending_read(qtbot: QtBot, db: Database) -> None:
    view = shown_view(qtbot, db)
    view.context.data_changed.emit("groups")
    view.reload()
    assert view.reads == 1
    qtbot.wait(RELOAD_MS * 3)
    assert view.reads == 1


def test_the_background_is_the_projectors(qtbot: QtBot, db: Database) -> None:
    view = CountingView(AppContext(db))
    qtbot.addWidget(view)
    assert view.autoFillBackground()
    assert view.palette().color(view.backgroundRole()) == QColor(BACKGROUND)


def test_both_projector_data_views_share_it(qtbot: QtBot, db: Database) -> None:
    context = AppContext(db)
    groups, restitution = GroupsProjectorView(context), RestitutionProjectorView(context)
    for view in (groups, restitution):
        qtbot.addWidget(view)
        assert isinstance(view, ProjectorDataView)
    assert groups.areas == {"groups", "participants"}
    assert restitution.areas == {"restitutions", "groups"}
