"""The application layer: one transaction an operation, one notice of changes, one undo log."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.app.changes import Area, Changes
from facilitator.app.operations import ELSEWHERE, App
from facilitator.app.undo import UndoLog, UndoStep
from facilitator.store.database import Database, open_database
from facilitator.store.models import Workshop


def _rename(workshop_id: int, title: str):  # type: ignore[no-untyped-def]
    def operation(session: Session) -> str:
        workshop = session.get(Workshop, workshop_id)
        assert workshop is not None
        before, workshop.title = workshop.title, title
        return before

    return operation


def test_an_operation_commits_then_says_what_it_changed_and_who_did_it(demo_db: Database) -> None:
    app = App(demo_db)
    heard: list[tuple[Changes, object]] = []
    app.subscribe(lambda changes, initiator: heard.append((changes, initiator)))
    screen = object()
    before = app.run(_rename(1, "Titre changé"), Changes(Area.WORKSHOPS, 1), initiator=screen)
    assert before != "Titre changé"
    assert heard == [(Changes(Area.WORKSHOPS, 1), screen)]
    other = open_database(demo_db.path, create=False)
    try:
        with other.read() as session:
            assert session.get(Workshop, 1).title == "Titre changé"  # type: ignore[union-attr]
    finally:
        other.dispose()


def test_a_failed_operation_writes_nothing_and_announces_nothing(demo_db: Database) -> None:
    app = App(demo_db)
    heard: list[object] = []
    app.subscribe(lambda changes, initiator: heard.append(changes))

    def half_done(session: Session) -> None:
        _rename(1, "À moitié")(session)
        raise ValueError("refused")

    with pytest.raises(ValueError):
        app.run(half_done, Changes(Area.WORKSHOPS, 1))
    assert heard == []
    assert app.read(lambda s: s.get(Workshop, 1).title) != "À moitié"  # type: ignore[union-attr]


def test_changes_made_by_another_process_are_seen_and_own_ones_are_not(demo_db: Database) -> None:
    here, there = App(demo_db), App(open_database(demo_db.path, create=False))
    try:
        assert not here.changes_elsewhere()  # the first look learns where things stand
        here.run(_rename(1, "Ici"), Changes(Area.WORKSHOPS, 1))
        assert not here.changes_elsewhere(), "its own change is not news"
        there.run(_rename(2, "Là-bas"), Changes(Area.WORKSHOPS | Area.CHECKINS, 2))
        heard: list[tuple[Changes, object]] = []
        here.subscribe(lambda changes, initiator: heard.append((changes, initiator)))
        found = here.poll_elsewhere()
        assert found.areas == Area.WORKSHOPS | Area.CHECKINS
        assert heard == [(found, ELSEWHERE)]
        assert not here.changes_elsewhere()
    finally:
        there.db.dispose()


def test_a_change_elsewhere_between_two_of_ours_is_not_lost(demo_db: Database) -> None:
    here, there = App(demo_db), App(open_database(demo_db.path, create=False))
    try:
        here.changes_elsewhere()
        there.run(_rename(2, "Là-bas"), Changes(Area.WORKSHOPS, 2))
        here.run(_rename(1, "Ici"), Changes(Area.WORKSHOPS, 1))
        assert here.changes_elsewhere().areas == Area.WORKSHOPS
    finally:
        there.db.dispose()


def test_changes_combine_and_say_whom_they_concern() -> None:
    one = Changes(Area.PARTICIPANTS, 1) | Changes(Area.CHECKINS, 1)
    assert one == Changes(Area.PARTICIPANTS | Area.CHECKINS, 1)
    both = one | Changes(Area.GROUPS, 2)
    assert both.workshop_id is None and both.touches(Area.GROUPS, 1)
    assert one.touches(Area.CHECKINS, 1) and not one.touches(Area.CHECKINS, 2)
    assert not one.touches(Area.AGENDA)
    assert not Changes() and (Changes() | one) == one


def test_the_undo_log_takes_back_the_newest_step_of_a_scope_only() -> None:
    log = UndoLog()
    done: list[str] = []
    for scope, name in (("groupe 1", "a"), ("groupe 2", "b"), ("groupe 1", "c")):
        log.push(
            UndoStep(
                name, scope, lambda n=name: done.append(f"-{n}"), lambda n=name: done.append(n)
            )
        )
    assert log.next_undo("groupe 2").name == "b"  # type: ignore[union-attr]
    assert log.undo("groupe 1").name == "c"  # type: ignore[union-attr]
    assert log.undo("groupe 1").name == "a"  # type: ignore[union-attr]
    assert log.undo("groupe 1") is None
    assert log.redo("groupe 1").name == "a"  # type: ignore[union-attr]
    assert done == ["-c", "-a", "a"]
    log.push(UndoStep("d", "groupe 1", lambda: None))
    assert log.next_redo("groupe 1") is None, "a new step ends what could be redone"
    assert log.next_undo("groupe 2").name == "b"  # type: ignore[union-attr]


def test_a_failed_undo_keeps_its_step() -> None:
    log = UndoLog()

    def refuse() -> None:
        raise RuntimeError("the row is gone")

    log.push(UndoStep("a", "s", refuse))
    with pytest.raises(RuntimeError):
        log.undo("s")
    assert log.next_undo("s") is not None


def test_an_operation_can_push_its_undo_step(demo_db: Database) -> None:
    app = App(demo_db)
    app.run(
        _rename(1, "Nouveau"),
        Changes(Area.WORKSHOPS, 1),
        undo=lambda before: UndoStep(
            "Titre",
            ("workshop", 1),
            lambda: app.run(_rename(1, before), Changes(Area.WORKSHOPS, 1)),
        ),
    )
    assert app.read(lambda s: s.get(Workshop, 1).title) == "Nouveau"  # type: ignore[union-attr]
    app.undo_log.undo(("workshop", 1))
    assert app.read(lambda s: s.get(Workshop, 1).title) != "Nouveau"  # type: ignore[union-attr]
    assert app.read(lambda s: s.scalar(select(func.count()).select_from(Workshop))) == 2


def test_an_event_file_of_the_first_version_gets_its_counters(demo_db_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from facilitator.store import backups

    conn = sqlite3.connect(demo_db_path)
    conn.execute("DROP TABLE change_counters")
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    db = open_database(demo_db_path, create=False)
    try:
        app = App(db)
        assert not app.changes_elsewhere()
        app.run(_rename(1, "Après la mise à jour"), Changes(Area.WORKSHOPS, 1))
        assert app.read(lambda s: s.get(Workshop, 1).title) == "Après la mise à jour"  # type: ignore[union-attr]
    finally:
        db.dispose()
    assert any("before-migration" in p.name for p in backups.list_backups(demo_db_path))
