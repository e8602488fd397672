"""The screens' one notice of change: their own operations, and other processes' within a second."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from facilitator.app.changes import Area, Changes
from facilitator.app.operations import ELSEWHERE, App
from facilitator.app.undo import UndoStep
from facilitator.store.database import Database, open_database
from facilitator.store.models import Workshop
from facilitator.ui.context import AppContext


def _rename(title: str):  # type: ignore[no-untyped-def]
    def operation(session: Session) -> None:
        workshop = session.get(Workshop, 1)
        assert workshop is not None
        workshop.title = title

    return operation


def test_an_operation_is_heard_with_its_initiator_and_by_former_listeners(
    qtbot: QtBot, demo_db: Database
) -> None:
    context = AppContext(demo_db)
    heard: list[tuple[Changes, object]] = []
    former: list[str] = []
    context.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    context.data_changed.connect(former.append)
    screen = object()
    context.app.run(_rename("Ici"), Changes(Area.PARTICIPANTS | Area.CHECKINS, 1), initiator=screen)
    assert heard == [(Changes(Area.PARTICIPANTS | Area.CHECKINS, 1), screen)]
    assert former == ["participants", "checkins"]
    context.write("badges", _rename("Encore"))
    assert former[-1] == "badges" and heard[-1][0].areas == Area.PARTICIPANTS


def test_a_change_made_by_another_process_reaches_the_screens_within_a_second(
    qtbot: QtBot, demo_db: Database
) -> None:
    from facilitator.ui import context as module

    context = AppContext(demo_db)
    # Within a second by construction: the watcher looks twice a second. The wait below is
    # generous, so that a loaded machine cannot fail the test by scheduling alone.
    assert module.WATCH_MS <= 500 and module._watcher()._timer.isActive()
    elsewhere = App(open_database(demo_db.path, create=False))
    try:
        with qtbot.waitSignal(context.changed, timeout=10_000) as signal:
            elsewhere.run(_rename("Là-bas"), Changes(Area.CHECKINS, 1))
    finally:
        elsewhere.db.dispose()
    changes, initiator = signal.args
    assert changes.areas == Area.CHECKINS and initiator == ELSEWHERE


def test_undo_is_named_in_the_menu(qtbot: QtBot, demo_db: Database) -> None:
    context = AppContext(demo_db)
    assert context.undo_text("desk") == "Annuler"
    context.app.undo_log.push(UndoStep("Arrivée de Awa NDIAYE", "desk", lambda: None))
    assert context.undo_text("desk") == "Annuler\u00a0: Arrivée de Awa NDIAYE"
    assert context.undo("desk") is not None and context.undo_text("desk") == "Annuler"
