"""A group's restitution on the projector, by kind, following what the rapporteur types."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.restitution_fields import CHALLENGE, RECOMMENDATION
from facilitator.store.restitution_items import add_item
from facilitator.store.restitutions import groups_with_restitutions, restitution_view
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector_control import RESTITUTION_VIEW, ProjectorControl
from facilitator.ui.agenda.projector_restitution_view import (
    READABLE_SHARE,
    RestitutionProjectorView,
)
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext

M4SD = "m4sd-cloture-thies-2023"
HEADINGS = ["Défis", "Opportunités", "Bonnes pratiques", "Recommandations"]


class FakePlayer:
    def play(self, kind: str) -> None:
        pass


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


@pytest.fixture
def context(demo_db: Database) -> AppContext:
    ctx = AppContext(demo_db)
    ctx.set_workshop(ctx.read(lambda s: find_workshop(s, M4SD).id))
    return ctx


def first_group(context: AppContext) -> int:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    rounds = context.read(lambda s: groups_with_restitutions(s, workshop_id))
    return rounds[-1].groups[0].group_id


@pytest.fixture
def view(qtbot: QtBot, context: AppContext) -> RestitutionProjectorView:
    widget = RestitutionProjectorView(context)
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_group_items_are_shown_by_kind(
    view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    view.set_group(group_id)
    stored = context.read(lambda s: restitution_view(s, group_id))
    assert view.title() == "Groupe 1"
    sections = view.sections()
    assert [heading for heading, _items in sections] == HEADINGS
    for (_heading, texts), kind in zip(
        sections, ("challenge", "opportunity", "good_practice", "recommendation"), strict=True
    ):
        assert texts == [item.text for item in stored.items_of(kind)]
    drawn = view.drawn_texts()
    assert drawn[0].startswith("Groupe 1")
    for heading in HEADINGS:
        assert heading in drawn
    for item in stored.items:
        assert f"•  {item.text}" in drawn  # eleven items: all fit
    assert view.hidden_counts() == {}
    assert view.text_size() >= 1080 * READABLE_SHARE


def test_a_new_item_appears_after_data_changed(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    view.set_group(group_id)
    size = view.text_size()
    add_item(context.db, group_id, RECOMMENDATION, "Créer un guichet unique مرحبا 🌍")
    assert "•  Créer un guichet unique مرحبا 🌍" not in view.drawn_texts()
    context.data_changed.emit("restitutions")
    qtbot.waitUntil(
        lambda: "•  Créer un guichet unique مرحبا 🌍" in view.drawn_texts(), timeout=10_000
    )
    assert view.sections()[-1][1][-1] == "Créer un guichet unique مرحبا 🌍"
    assert view.text_size() <= size


def test_a_long_list_keeps_the_newest_items_in_sight(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    for n in range(60):
        add_item(context.db, group_id, CHALLENGE, f"Défi ajouté numéro {n} " + "long " * 12)
    view.set_group(group_id)
    assert view.text_size() >= 1080 * READABLE_SHARE  # never shrunk past the readable size
    hidden = view.hidden_counts()
    assert hidden.get(CHALLENGE, 0) > 0
    drawn = view.drawn_texts()
    assert any(text.startswith("•  Défi ajouté numéro 59 ") for text in drawn)
    assert not any(text.startswith("•  Défi ajouté numéro 0 ") for text in drawn)
    assert f"… et {hidden[CHALLENGE]} éléments précédents" in drawn
    for rect in (t.rect for t in view._texts if t.text):
        assert view.rect().contains(rect)


def test_a_hidden_view_reads_again_when_shown(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    view.set_group(group_id)
    view.hide()
    add_item(context.db, group_id, CHALLENGE, "Ajouté pendant que la vue était cachée")
    context.data_changed.emit("restitutions")
    qtbot.wait(300)
    assert "•  Ajouté pendant que la vue était cachée" not in view.drawn_texts()
    view.show()
    assert "•  Ajouté pendant que la vue était cachée" in view.drawn_texts()


def test_project_restitution_opens_the_projector_on_that_view(
    qtbot: QtBot, context: AppContext
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    control = ProjectorControl(window, player=FakePlayer(), context=context)
    group_id = first_group(context)
    control.project_restitution(group_id)
    try:
        assert control.is_open()
        assert control.current_view() == RESTITUTION_VIEW
        view = control.view(RESTITUTION_VIEW)
        assert isinstance(view, RestitutionProjectorView)
        assert view.group_id() == group_id and view.title() == "Groupe 1"
        assert control.view_actions[RESTITUTION_VIEW].isChecked()
        assert control.view_actions[RESTITUTION_VIEW].text() == "Restitution"
        assert RESTITUTION_VIEW in [a.data() for a in control.view_menu.actions()]
    finally:
        control.shutdown()


def test_the_show_menu_entry_projects_a_group_with_items(qtbot: QtBot, context: AppContext) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    control = ProjectorControl(window, player=FakePlayer(), context=context)
    try:
        control.view_actions[RESTITUTION_VIEW].trigger()
        assert control.current_view() == RESTITUTION_VIEW
        view = control.view(RESTITUTION_VIEW)
        assert isinstance(view, RestitutionProjectorView)
        assert view.group_id() == first_group(context)
    finally:
        control.shutdown()
