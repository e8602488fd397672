"""The projector window: screen choice, big digits, warnings in words, message, black screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from facilitator.ui.agenda import projector_control
from facilitator.ui.agenda.projector import (
    TIMER_VIEW,
    ProjectorWindow,
    choose_screen,
    default_screen,
)
from facilitator.ui.agenda.projector_control import CHIMES, ProjectorControl
from facilitator.ui.agenda.projector_message import MessageDialog
from facilitator.ui.agenda.projector_timer_view import ProjectorTimerView
from facilitator.ui.agenda.timer_controller import NEAR_END, NORMAL, OVERRUN, TimerSnapshot
from facilitator.ui.app import APP_NAME


@dataclass(frozen=True, eq=False)
class FakeScreen:
    label: str

    def name(self) -> str:
        return self.label


class FakePlayer:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, kind: str) -> None:
        self.played.append(kind)


def snapshot(countdown: str = "12:34", state: str = NORMAL, **changes: object) -> TimerSnapshot:
    fields: dict[str, object] = {
        "title": "Ouverture officielle",
        "countdown": countdown,
        "state": state,
        "next_title": "Présentation du programme",
        "started": True,
        "item_id": 7,
    }
    fields.update(changes)
    return TimerSnapshot(**fields)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def clean_settings() -> Iterator[None]:
    # Qt caches the settings path for the whole run: start and end each test with none saved.
    QSettings(APP_NAME, APP_NAME).remove("projector")
    yield
    QSettings(APP_NAME, APP_NAME).remove("projector")


@pytest.fixture
def window(qtbot: QtBot) -> ProjectorWindow:
    view = ProjectorTimerView(now=lambda: dt.datetime(2025, 3, 25, 9, 41, 30))
    win = ProjectorWindow(view)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


# -- which screen --------------------------------------------------------------------------------
def test_the_default_screen_is_not_the_laptops_when_another_is_plugged_in() -> None:
    laptop, room = FakeScreen("eDP-1"), FakeScreen("HDMI-1")
    assert default_screen([laptop, room], laptop) is room
    assert default_screen([room, laptop], laptop) is room
    assert default_screen([laptop], laptop) is laptop


def test_a_chosen_screen_wins_while_it_is_plugged_in() -> None:
    laptop, room, other = FakeScreen("eDP-1"), FakeScreen("HDMI-1"), FakeScreen("DP-2")
    assert choose_screen([laptop, room, other], laptop, "DP-2") is other
    assert choose_screen([laptop, room, other], laptop, "eDP-1") is laptop
    assert choose_screen([laptop, room], laptop, "DP-2") is room  # unplugged: the default
    assert choose_screen([laptop], laptop, None) is laptop


def test_unplugging_the_projectors_screen_brings_the_window_back(
    qtbot: QtBot, window: ProjectorWindow
) -> None:
    screen = QGuiApplication.primaryScreen()
    window.show_on(screen)
    qtbot.waitUntil(window.isFullScreen)
    window.on_screen_removed(window.screen())
    assert window.isVisible()
    assert not window.isFullScreen()
    assert window.screen() is QGuiApplication.primaryScreen()
    assert window.current_view() == TIMER_VIEW


# -- views, message, black screen ----------------------------------------------------------------
def test_the_window_hosts_named_views_the_timer_first(window: ProjectorWindow) -> None:
    assert window.current_view() == TIMER_VIEW
    groups = QLabel("Groupes")
    window.add_view("groups", groups)
    assert window.current_view() == TIMER_VIEW
    window.show_view("groups")
    assert window.current_view() == "groups"
    assert window.views.currentWidget() is groups
    with pytest.raises(ValueError):
        window.add_view("groups", QLabel())
    window.show_view(TIMER_VIEW)
    assert window.views.currentWidget() is window.timer_view


def test_a_message_and_the_black_screen_cover_any_view(window: ProjectorWindow) -> None:
    window.add_view("groups", QLabel("Groupes"))
    window.show_view("groups")
    window.set_message("  Merci de conclure ")
    assert window.pages.currentWidget() is window.message_label
    assert window.message_label.text() == "Merci de conclure"
    assert window.message_label.font().pixelSize() >= 720 // 10  # big, for the back of the room
    window.set_blank(True)
    assert window.pages.currentWidget() is window.black
    window.set_blank(False)
    assert window.pages.currentWidget() is window.message_label  # still there until cleared
    window.clear_message()
    assert window.pages.currentWidget() is window.stage
    assert window.current_view() == "groups"


def test_a_long_message_shrinks_to_fit(window: ProjectorWindow) -> None:
    window.set_message("Merci de regagner vos places : la séance reprend dans cinq minutes " * 3)
    font = window.message_label.font()
    assert font.pixelSize() < 720 * 0.14
    assert QFontMetrics(font).height() * 3 < window.height()


# -- the timer view ------------------------------------------------------------------------------
def test_the_timer_view_says_now_next_and_the_time_of_day(window: ProjectorWindow) -> None:
    window.show_snapshot(snapshot())
    view = window.timer_view
    assert view.text("now_caption") == "MAINTENANT"
    assert view.text("title") == "Ouverture officielle"
    assert view.text("countdown") == "12:34"
    assert view.text("next_caption") == "ENSUITE"
    assert view.text("next_title") == "Présentation du programme"
    assert view.text("clock") == "09:41"
    window.show_snapshot(snapshot(next_title=""))
    assert view.text("next_title") == "Dernier élément de la journée"


def test_the_end_is_said_in_words_and_colour(window: ProjectorWindow) -> None:
    view = window.timer_view
    window.show_snapshot(snapshot("20:00"))
    normal = view.palette().color(QPalette.ColorRole.Window).name()
    window.show_snapshot(snapshot("04:00", NEAR_END, warning="Il reste 4 min"))
    assert view.palette().color(QPalette.ColorRole.Window).name() == "#ffbf00" != normal
    assert view.text("warning") == "Il reste 4 min"
    window.show_snapshot(snapshot("+01:00", OVERRUN, warning="Temps écoulé"))
    assert view.palette().color(QPalette.ColorRole.Window).name() == "#c62828"
    assert view.text("warning") == "Temps écoulé"
    assert view.text("countdown") == "+01:00"


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768)])
def test_the_digits_fill_a_quarter_of_the_height_and_fit_the_width(
    qtbot: QtBot, window: ProjectorWindow, width: int, height: int
) -> None:
    window.resize(width, height)
    window.show_snapshot(snapshot("12:34"))
    qtbot.waitUntil(lambda: window.timer_view.height() == height)
    label = window.timer_view.countdown
    metrics = QFontMetrics(label.font())
    assert metrics.tightBoundingRect("0").height() >= height / 4
    assert metrics.boundingRect("12:34").height() >= height / 4
    assert metrics.horizontalAdvance("12:34") <= label.contentsRect().width()


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


class _PaletteChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self.count += 1
        return False


def test_a_tick_sets_only_the_changed_text_and_keeps_the_colours(
    window: ProjectorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.timer_view
    window.show_snapshot(snapshot("12:34"))
    calls: list[str] = []
    for name, label in view.labels.items():
        monkeypatch.setattr(label, "setText", lambda text, n=name: calls.append(n))
    changes = _PaletteChanges()
    view.installEventFilter(changes)
    window.show_snapshot(snapshot("12:33"))
    assert calls == ["countdown"]
    assert changes.count == 0
    window.show_snapshot(snapshot("04:59", NEAR_END, warning="Il reste 5 min"))
    assert sorted(calls) == ["countdown", "countdown", "warning"]
    assert changes.count == 1
    view.removeEventFilter(changes)


class _Repaints(QObject):
    """Records which widgets are painted, and the rectangle of each paint."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[tuple[QObject, QRect]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QPaintEvent):
            self.painted.append((watched, event.rect()))
        return False


def test_a_tick_repaints_the_countdown_alone_from_cached_glyphs(window: ProjectorWindow) -> None:
    # Why a tick is cheap, checked without a clock (the cost itself is measured against a
    # QLabel in tests/perf/test_perf_projector.py): only the countdown's rectangle is painted
    # again, the view's layout is not asked to run, and each character is drawn once, then
    # copied from the cache.
    window.resize(1920, 1080)
    QApplication.processEvents()
    view = window.timer_view
    digits = view.countdown
    window.show_snapshot(snapshot("59:59"))
    window.repaint()
    QApplication.processEvents()
    repaints, layouts = _Repaints(), _LayoutRequests()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(repaints)
    view.installEventFilter(layouts)
    shown = ["59:59"]
    try:
        for second in range(30):
            shown.append(f"58:{59 - second:02d}")
            window.show_snapshot(snapshot(shown[-1]))
            QApplication.processEvents()
            assert digits.text() == shown[-1]
    finally:
        app.removeEventFilter(repaints)
        view.removeEventFilter(layouts)
    painted = {widget for widget, _rect in repaints.painted}
    assert digits in painted
    assert painted <= {digits, view}  # the view paints the background under the digits
    assert all(
        rect.intersected(digits.geometry()) == rect
        for widget, rect in repaints.painted
        if widget is view
    )
    assert layouts.count == 0
    assert sorted(char for char, _colour, _ratio in digits._glyphs) == sorted(set("".join(shown)))


def test_the_clock_follows_the_minute_between_ticks(qtbot: QtBot) -> None:
    now = [dt.datetime(2025, 3, 25, 9, 41, 59, 900_000)]
    view = ProjectorTimerView(now=lambda: now[0])
    qtbot.addWidget(view)
    view.show()
    assert view.text("clock") == "09:41"
    assert view._minute.isActive() and view._minute.remainingTime() <= 200
    now[0] = dt.datetime(2025, 3, 25, 9, 42, 0, 50_000)
    qtbot.waitUntil(lambda: view.text("clock") == "09:42", timeout=10_000)
    view.hide()
    assert not view._minute.isActive()


# -- the control: opening, message dialog, chime -------------------------------------------------
@pytest.fixture
def control(qtbot: QtBot) -> Iterator[ProjectorControl]:
    owner = QLabel("main")
    qtbot.addWidget(owner)
    ctl = ProjectorControl(owner, player=FakePlayer())
    yield ctl
    ctl.shutdown()


def test_opening_shows_the_last_tick_and_f5s_action_closes_it(
    qtbot: QtBot, control: ProjectorControl
) -> None:
    control.show_snapshot(snapshot("08:00"))
    assert not control.is_open()
    control.toggle_action.trigger()
    assert control.is_open() and control.window is not None
    assert control.window.isFullScreen()
    assert control.window.timer_view.text("countdown") == "08:00"
    control.show_snapshot(snapshot("07:59"))
    assert control.window.timer_view.text("countdown") == "07:59"
    control.toggle_action.trigger()
    assert not control.is_open()
    control.toggle()
    assert control.is_open() and control.toggle_action.isChecked()
    control.window.close()  # closed by the window manager: the menu follows
    assert not control.toggle_action.isChecked()


def test_the_message_dialog_sends_a_preset_or_typed_message(
    control: ProjectorControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[str] = []

    def run(dialog: MessageDialog) -> int:
        assert dialog.combo.itemText(0) == "Merci de conclure"
        assert dialog.combo.isEditable()
        dialog.combo.setEditText(typed[-1])
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MessageDialog, "exec", run)
    control.open()
    assert control.window is not None
    typed.append("Merci de conclure")
    control.message_action.trigger()
    assert control.window.message() == "Merci de conclure"
    assert control.window.pages.currentWidget() is control.window.message_label
    assert control.clear_action.isEnabled()
    control.clear_action.trigger()
    assert control.window.pages.currentWidget() is control.window.stage
    control.blank_action.trigger()
    assert control.window.is_blank()
    control.close()
    control.blank_action.trigger()
    typed.append("Reprise à 14 h 30")
    control.message_action.trigger()
    control.open()
    assert not control.window.is_blank()
    assert control.window.message_label.text() == "Reprise à 14 h 30"
    typed.append("")  # the text emptied in the dialog: the message leaves the screen
    control.message_action.trigger()
    assert control.window.message() == ""
    assert control.window.pages.currentWidget() is control.window.stage


def test_the_chime_is_off_by_default_and_rings_once_per_warning(
    qtbot: QtBot, control: ProjectorControl
) -> None:
    player = control.player
    assert isinstance(player, FakePlayer)
    assert not control.chime_action.isChecked()
    for snap in (snapshot("05:01"), snapshot("04:59", NEAR_END), snapshot("+00:01", OVERRUN)):
        control.show_snapshot(snap)
    assert player.played == []
    control.chime_action.trigger()
    for snap in (
        snapshot("05:01"),
        snapshot("04:59", NEAR_END),
        snapshot("04:58", NEAR_END),
        snapshot("+00:01", OVERRUN),
        snapshot("+00:02", OVERRUN),
        snapshot("30:00", NORMAL, item_id=8),
        snapshot("+00:01", OVERRUN, item_id=9),  # another item already over: no chime
    ):
        control.show_snapshot(snap)
    assert player.played == [CHIMES[NEAR_END], CHIMES[OVERRUN]]
    owner = QLabel()
    qtbot.addWidget(owner)
    again = ProjectorControl(owner, player=FakePlayer())
    assert again.chime_action.isChecked()  # remembered
    again.chime_action.trigger()
    assert not ProjectorControl(owner, player=FakePlayer()).chime_action.isChecked()


def test_the_screen_menu_lists_the_screens_and_remembers_the_choice(
    control: ProjectorControl,
) -> None:
    control.refresh_screen_menu()
    actions = control.screen_menu.actions()
    screens = QGuiApplication.screens()
    assert len(actions) == len(screens)
    primary = QGuiApplication.primaryScreen()
    size = primary.size()
    assert actions[0].text().startswith(primary.name())
    assert f"{size.width()}×{size.height()}" in actions[0].text()
    assert actions[0].isChecked()
    actions[0].trigger()
    assert QSettings(APP_NAME, APP_NAME).value(projector_control.SCREEN_KEY) == primary.name()
    assert control.chosen_screen() is primary


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_new_second_reuses_the_cached_digits_and_leaves_the_layout_alone(
    qtbot: QtBot, window: ProjectorWindow
) -> None:
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    digits = window.timer_view.countdown
    window.show_snapshot(snapshot("12:34"))
    image = digits.grab().toImage()
    foreground = window.timer_view.palette().color(QPalette.ColorRole.WindowText)
    middle = image.height() // 2
    inked = sum(image.pixelColor(x, middle) == foreground for x in range(image.width()))
    assert inked > image.width() // 20  # the digits are drawn across the middle line
    assert {key[0] for key in digits._glyphs} == set("12:34")
    QApplication.processEvents()  # the first snapshot's own layout
    requests = _LayoutRequests()
    window.timer_view.installEventFilter(requests)
    window.show_snapshot(snapshot("12:33"))
    digits.grab()
    QApplication.processEvents()
    assert len(digits._glyphs) == 5  # « 3 » was drawn already: nothing new rendered
    assert requests.count == 0
    window.timer_view.removeEventFilter(requests)


def test_the_clock_shows_the_workshop_time_whatever_the_laptop_zone() -> None:
    from zoneinfo import ZoneInfo

    # A laptop still on Paris time (UTC+1 in March) at a workshop in Dakar (UTC+0).
    paris = dt.datetime(2025, 3, 25, 10, 41, tzinfo=ZoneInfo("Europe/Paris"))
    view = ProjectorTimerView(now=lambda: paris)
    view.show_snapshot(snapshot("12:34", zone=ZoneInfo("Africa/Dakar")))
    assert view.text("clock") == "09:41"
    view.deleteLater()


def answer_message_dialog(qtbot: QtBot, keys: list[tuple[Qt.Key, str]]) -> None:
    """When the message dialog opens: type into its focused field, then press the keys."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # closed if the keys below leave it open: a failure, not a hang
            QTimer.singleShot(0, dialog, dialog.close)
        assert isinstance(dialog, MessageDialog)
        for key, text in keys:
            focus = dialog.focusWidget()
            assert focus is not None
            if text:
                qtbot.keyClicks(focus, text)
            else:
                qtbot.keyClick(focus, key)

    QTimer.singleShot(0, answer)


def test_ctrl_m_then_enter_shows_the_message(qtbot: QtBot, control: ProjectorControl) -> None:
    control.owner.addActions(control.actions())  # as the main window holds them
    control.owner.show()
    control.open()
    assert control.window is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not None)
    answer_message_dialog(qtbot, [(Qt.Key.Key_Return, "")])  # the first preset as it is
    active = QApplication.activeWindow()  # (one screen: the projector, which has the keys)
    qtbot.keyClick(active, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert control.window.message() == "Merci de conclure"
    assert control.window.pages.currentWidget() is control.window.message_label
    # A typed message, Enter again.
    answer_message_dialog(qtbot, [(Qt.Key.Key_A, "Reprise dans 5 min"), (Qt.Key.Key_Enter, "")])
    control.message_action.trigger()
    assert control.window.message() == "Reprise dans 5 min"


def test_a_message_can_be_a_banner_with_the_timer_still_in_sight(
    qtbot: QtBot, control: ProjectorControl
) -> None:
    control.show_snapshot(snapshot("08:00"))
    control.open()
    window = control.window
    assert window is not None

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:  # closed if the keys below leave it open: a failure, not a hang
            QTimer.singleShot(0, dialog, dialog.close)
        assert isinstance(dialog, MessageDialog)
        assert dialog.full_screen.isChecked()  # the usual message, instead of the timer
        qtbot.mouseClick(dialog.as_banner, Qt.MouseButton.LeftButton)
        dialog.combo.setCurrentIndex(1)  # « Dernière question »
        dialog.combo.setFocus()
        qtbot.keyClick(dialog.combo, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    control.message_action.trigger()
    assert control.message() == ("Dernière question", True)
    assert window.pages.currentWidget() is window.stage  # not the full-screen message
    assert window.banner.isVisible() and window.banner.text() == "Dernière question"
    assert window.timer_view.isVisible()
    assert window.timer_view.text("countdown") == "08:00"
    assert window.timer_view.mapTo(window, QPoint(0, 0)).y() > window.banner.geometry().bottom()
    assert window.banner.height() < window.height() // 4  # a strip: the digits keep the room
    control.show_snapshot(snapshot("07:59"))
    assert window.timer_view.text("countdown") == "07:59"
    # Asked again, the dialog remembers it was a banner; clearing takes the banner away.
    control.clear_message()
    assert not window.banner.isVisible()
    assert window.pages.currentWidget() is window.stage
