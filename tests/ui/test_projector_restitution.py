"""A group's restitution on the projector, by kind, following what the rapporteur types.

The layout is checked at the laptop sizes a projector mirrors (1366×768, 1024×768): every item
on screen with full headings while they fit, pages (never hidden items) when they do not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from facilitator.store.database import Database
from facilitator.store.restitution_fields import CHALLENGE, RECOMMENDATION
from facilitator.store.restitution_items import add_item
from facilitator.store.restitutions import groups_with_restitutions, restitution_view
from facilitator.store.workshops import find_workshop
from facilitator.ui.agenda.projector_control import RESTITUTION_VIEW, ProjectorControl
from facilitator.ui.agenda.projector_restitution_view import RestitutionProjectorView
from facilitator.ui.app import APP_NAME
from facilitator.ui.context import AppContext

M4SD = "m4sd-cloture-thies-2023"
# The text's floor and cap, and a panel's padding, as shares of the height.
READABLE_SHARE, CAP_SHARE, PAD_SHARE = 0.024, 0.05, 0.012
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
        assert item.text in drawn  # eleven items: all fit
    assert view.page_count() == 1
    assert view.text_size() >= 1080 * READABLE_SHARE


def test_a_new_item_appears_after_data_changed(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    view.set_group(group_id)
    size = view.text_size()
    add_item(context.db, group_id, RECOMMENDATION, "Créer un guichet unique مرحبا 🌍")
    assert "Créer un guichet unique مرحبا 🌍" not in view.drawn_texts()
    context.data_changed.emit("restitutions")
    qtbot.waitUntil(
        lambda: "Créer un guichet unique مرحبا 🌍" in view.drawn_texts(), timeout=10_000
    )
    assert view.sections()[-1][1][-1] == "Créer un guichet unique مرحبا 🌍"
    assert view.text_size() <= size


def all_groups(context: AppContext) -> list[int]:
    workshop_id = context.workshop_id
    assert workshop_id is not None
    rounds = context.read(lambda s: groups_with_restitutions(s, workshop_id))
    return [group.group_id for entry in rounds for group in entry.groups]


def assert_whole_and_inside(view: RestitutionProjectorView) -> None:
    """Every text is drawn whole (its wrapped lines fit its box) inside the view; no « … »."""
    for text in view.drawn():
        if not text.text:
            continue
        assert view.rect().contains(text.rect), text.text
        needed = QFontMetrics(text.font).boundingRect(
            QRect(0, 0, text.rect.width(), 1_000_000), text.flags, text.text
        )
        assert needed.width() <= text.rect.width(), text.text
        assert needed.height() <= text.rect.height() + 1, text.text  # a line's leading
        assert "…" not in text.text, text.text


def assert_no_half_empty_panel(view: RestitutionProjectorView) -> None:
    """A panel ends under its last item: no box taller than what it holds."""
    pad = int(view.height() * PAD_SHARE)
    panels = [t.rect for t in view.drawn() if not t.text]
    assert panels
    for panel in panels:
        inside = [t.rect for t in view.drawn() if t.text and panel.contains(t.rect)]
        assert inside
        assert panel.bottom() - max(r.bottom() for r in inside) <= 2 * pad + 2


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_each_m4sd_group_fits_whole_at_laptop_sizes(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext, size: tuple[int, int]
) -> None:
    view.resize(*size)
    for group_id in all_groups(context):
        view.set_group(group_id)
        stored = context.read(lambda s, g=group_id: restitution_view(s, g))
        drawn = view.drawn_texts()
        assert view.page_count() == 1
        for heading, _texts in view.sections():
            assert heading in drawn  # « Bonnes pratiques » whole, not « Bonnes pra… »
        for item in stored.items:
            assert item.text in drawn
        assert view.text_size() >= size[1] * READABLE_SHARE
        assert_whole_and_inside(view)
        assert_no_half_empty_panel(view)


def test_a_short_restitution_is_written_large(
    view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    short = context.db
    view.resize(1024, 768)
    view.set_group(group_id)
    usual = view.text_size()
    stored = context.read(lambda s: restitution_view(s, group_id))
    from facilitator.store.restitution_items import delete_item

    for item in stored.items[1:]:
        delete_item(short, item.id)
    view.reload()
    assert view.text_size() == int(768 * CAP_SHARE) > usual
    assert view.drawn_texts()[-1] == stored.items[0].text
    assert_whole_and_inside(view)
    assert_no_half_empty_panel(view)


def test_a_long_restitution_goes_on_over_pages_with_every_item(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    for n in range(60):
        add_item(context.db, group_id, CHALLENGE, f"Défi ajouté numéro {n} " + "long " * 12)
    view.resize(1024, 768)
    view.set_group(group_id)
    assert view.text_size() >= 768 * READABLE_SHARE  # never shrunk past the readable size
    pages = view.page_count()
    assert pages > 1
    seen: list[str] = []
    for page in range(pages):
        assert view.page() == page
        drawn = view.drawn_texts()
        assert f"{page + 1}/{pages} · suite\u00a0: Pg suiv" in drawn
        added = [t for t in drawn if t.startswith("Défi ajouté numéro ")]
        assert_whole_and_inside(view)
        if added and added[0] != f"Défi ajouté numéro 0 {'long ' * 12}":
            assert "Défis (suite)" in drawn  # the section's heading goes on with it
        seen += added
        assert view.step(1) == (page < pages - 1)
    assert seen == [f"Défi ajouté numéro {n} " + "long " * 12 for n in range(60)]
    assert view.step(-1) and view.page() == pages - 2


def test_a_hidden_view_reads_again_when_shown(
    qtbot: QtBot, view: RestitutionProjectorView, context: AppContext
) -> None:
    group_id = first_group(context)
    view.set_group(group_id)
    view.hide()
    add_item(context.db, group_id, CHALLENGE, "Ajouté pendant que la vue était cachée")
    context.data_changed.emit("restitutions")
    qtbot.wait(300)
    assert "Ajouté pendant que la vue était cachée" not in view.drawn_texts()
    view.show()
    assert "Ajouté pendant que la vue était cachée" in view.drawn_texts()


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
