"""The synthesis screen (Ctrl+5): choose the report's sections, preview it live, export it.

Left, what goes in the report; right, the report itself as the Markdown export writes it. The
reading and the export jobs are in controller.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator.exports.synthesis_snapshot import SECTIONS, SynthesisOptions
from facilitator.i18n import _, current_language
from facilitator.ui.context import AppContext
from facilitator.ui.next_steps import AGENDA, IMPORT, WORKSHOPS, NextSteps
from facilitator.ui.synthesis.controller import (
    FORMATS,
    SECTION_LABELS,
    Preview,
    build_preview,
)
from facilitator.ui.synthesis.exporting import ERROR_STYLE, WARNING_STYLE, Exporting
from facilitator.ui.synthesis.tables import fit_tables
from facilitator.ui.widgets.print_jobs import Opener, PrintRunner, Written
from facilitator.ui.widgets.tasks import BackgroundTask

DEBOUNCE_MS = 300  # data changes (a check-in, a note) come in bursts: one rebuild per burst
_HINT_STYLE = "color: #555555;"
DESCRIPTION_ONLY = frozenset({"cover", "context"})  # what the workshop's own form gives
SIDE_WIDTH = 320  # the options' panel at least; wider when a line needs it, never cut
NARROW_SIDE_WIDTH = 280  # on a 1024-pixel screen: the preview's tables need the room
NARROW_SCREEN = 1200
# Qt's GitHub dialect turns `_emphasis_` into underlined text (md4c's MD_FLAG_UNDERLINE), where
# GitHub and the other exports slant it: the details of a recommendation, « _(…)_ », looked like
# links. Without that flag, `_emphasis_` is italics, as `*emphasis*` is.
_MD_FLAG_UNDERLINE = 0x4000
MARKDOWN_FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value & ~_MD_FLAG_UNDERLINE
)


def _for_qt(markdown: str, cover: bool) -> str:
    """The writer's Markdown as the preview shows it: like the PDF, no title without the cover."""
    if not cover and markdown.startswith("# "):
        markdown = markdown.partition("\n")[2].lstrip("\n")
    return markdown


def _anchor(title: str) -> str:
    """The anchor the Markdown writer gives a heading (GitHub's rule), for the contents' links."""
    keep = "".join(c for c in title.lower() if c.isalnum() or c in " -")
    return "-".join(keep.split())


class SynthesisScreen(Exporting, QWidget):
    """The end-of-day report of the current workshop: its options, its preview, its exports."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, opener: Opener | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("synthesis_screen")
        self.context = context
        self.preview: Preview | None = None
        self.wanted: set[str] = set(SECTIONS)  # what the organiser ticked, kept while data comes
        self.dirty = True  # the data changed while the screen was hidden
        self.task: BackgroundTask | None = None
        self.last_folder: Path | None = None
        self.last_written: Path | None = None
        self.shown: Written | None = None  # the export the message says was saved
        self.stale = False  # data changed since that export
        self.runner = PrintRunner(self, context, opener)
        self.runner.printed.connect(self._exported)
        self.runner.open_failed.connect(self._open_failed)
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)

        self.section_boxes: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            box = QCheckBox(_(SECTION_LABELS[key]), objectName=f"section_{key}")
            box.setChecked(True)
            box.toggled.connect(lambda checked, k=key: self._section_toggled(k, checked))
            self.section_boxes[key] = box
        self.contacts = QCheckBox(_("Include phone numbers and e-mails"), objectName="contacts")
        self.contacts.toggled.connect(self._option_changed)
        self.contacts_hint = QLabel(
            _("Off by default: the report is meant to be shared."), wordWrap=True
        )
        self.contacts_hint.setStyleSheet(_HINT_STYLE)
        self.language = QComboBox(objectName="language")
        for code, name in (("fr", "Français"), ("en", "English")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.currentIndexChanged.connect(self._option_changed)
        self.export_actions: dict[str, QAction] = {}
        self.export_buttons: dict[str, QPushButton] = {}
        for suffix, (text, _filter, keys) in FORMATS.items():
            self._export_action(suffix, _(text), keys)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.open_folder_button = QPushButton(_("Open the folder"), objectName="open_folder")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        self.browser = QTextBrowser(objectName="preview")
        self.browser.setOpenLinks(False)  # the contents' links scroll to their section
        self.browser.anchorClicked.connect(self._anchor_clicked)
        # Nothing recorded yet: what to do first, rather than a report with a title only.
        self.nothing_yet = NextSteps("nothing_to_report")
        self.next_step = self.nothing_yet.next_step
        self._layout()
        self.context.workshop_changed.connect(self._workshop_changed)
        self.context.data_changed.connect(self._data_changed)

    # -- layout ----------------------------------------------------------------------------------
    def _export_action(self, suffix: str, text: str, keys: str) -> None:
        action = QAction(text, self, objectName=f"action_export_{suffix[1:]}")
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        action.triggered.connect(lambda _checked=False, s=suffix: self.export(s))
        self.addAction(action)
        button = QPushButton(text, objectName=f"export_{suffix[1:]}")
        button.setToolTip(f"{text} ({native})")
        button.clicked.connect(action.trigger)
        self.export_actions[suffix] = action
        self.export_buttons[suffix] = button

    def _layout(self) -> None:
        sections = QGroupBox(_("Sections of the report"), objectName="sections")
        section_layout = QVBoxLayout(sections)
        section_layout.setSpacing(2)
        for box in self.section_boxes.values():
            section_layout.addWidget(box)
        options = QGroupBox(_("Options"), objectName="options")
        option_layout = QVBoxLayout(options)
        option_layout.addWidget(self.contacts)
        option_layout.addWidget(self.contacts_hint)
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(_("Report language:")))
        language_row.addWidget(self.language, 1)
        option_layout.addLayout(language_row)
        exports = QGroupBox(_("Export"), objectName="exports")
        export_layout = QVBoxLayout(exports)
        for button in self.export_buttons.values():
            export_layout.addWidget(button)
        side = QWidget(objectName="side_panel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.addWidget(sections)
        side_layout.addWidget(options)
        side_layout.addWidget(exports)
        side_layout.addWidget(self.message)
        side_layout.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addStretch(1)
        # A 1024×600 screen has less height than the panel wants: it scrolls, never squashes.
        self.side_scroll = QScrollArea(objectName="side_scroll")
        self.side_scroll.setWidget(side)
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setFixedWidth(SIDE_WIDTH)
        heading = QLabel(_("Preview of the report"), objectName="preview_heading")
        heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.pages = QStackedWidget(objectName="preview_pages")
        self.pages.addWidget(self.browser)
        self.pages.addWidget(self.nothing_yet)
        right = QVBoxLayout()
        right.addWidget(heading)
        right.addWidget(self.pages, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.side_scroll)
        layout.addLayout(right, 1)

    # -- the options -----------------------------------------------------------------------------
    def options(self) -> SynthesisOptions:
        """The report as the screen's choices describe it."""
        return SynthesisOptions(
            sections=frozenset(self.wanted),
            include_contacts=self.contacts.isChecked(),
            language=str(self.language.currentData()),
        )

    def _section_toggled(self, key: str, checked: bool) -> None:
        if not self.section_boxes[key].isEnabled():
            return  # the box followed the data, not the organiser
        if checked:
            self.wanted.add(key)
        else:
            self.wanted.discard(key)
        self._option_changed()

    def _option_changed(self, *_args: object) -> None:
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def _workshop_changed(self, _workshop_id: int) -> None:
        self._clear_error()
        self._data_changed("workshops")

    def _data_changed(self, _area: str) -> None:
        if self.shown is not None and not self.message.isHidden() and not self.stale:
            # The saved report stays named (and its folder a click away), but it is out of date.
            self.stale = True
            note = _("The data has changed since: export again to include the changes.")
            self._show(f"{self.message.text()}\n{note}", WARNING_STYLE)
        if self.isVisible():
            self.debounce.start()
        else:
            self.dirty = True  # a check-in at the desk costs nothing here until the screen shows

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._clear_error()  # back on the screen: an old failure is not news any more
        if self.dirty:
            self.refresh()
        if not self.isAncestorOf(self.focusWidget()):
            self.browser.setFocus()  # the screen's shortcuts (Ctrl+E…) work at once

    def refresh(self) -> None:
        """Read the report again and show it, keeping the place the reader scrolled to."""
        self.debounce.stop()
        self.dirty = False
        self._clear_error()
        workshop_id = self.context.workshop_id
        if workshop_id is None:
            self.preview = None
            self.browser.setPlainText(_("No workshop is open: choose one first."))
            self._enable(frozenset())
            self._show_next_steps(None)
            return
        self.preview = build_preview(self.context, workshop_id, self.options())
        self._enable(self.preview.available)
        self._show_next_steps(self.preview.available)
        layout = self.layout()
        assert layout is not None
        layout.activate()  # the options' panel may have widened: the preview's width is known now
        # Built apart, then shown: a document on screen lays itself out again at every table
        # width set (95 ms on the demo instead of 25).
        document = QTextDocument(self.browser)
        document.setDefaultFont(self.browser.font())
        cover = self.preview.snapshot.cover is not None
        document.setMarkdown(_for_qt(self.preview.markdown, cover), MARKDOWN_FEATURES)
        fit_tables(document, self.browser.viewport().width() - 40)
        scroll = self.browser.verticalScrollBar()
        place = scroll.value()
        previous = self.browser.document()
        mine = previous.parent() is self.browser  # Qt deletes its own first one itself
        self.browser.setDocument(document)
        if mine:
            previous.deleteLater()
        scroll.setValue(min(place, scroll.maximum()))

    def _enable(self, available: frozenset[str]) -> None:
        for key, box in self.section_boxes.items():
            has_data = key in available
            box.blockSignals(True)
            box.setEnabled(has_data)
            box.setChecked(has_data and key in self.wanted)
            label = _(SECTION_LABELS[key])
            box.setText(label if has_data else f"{label} {_('(no data)')}")
            box.setToolTip("" if has_data else _("Nothing recorded yet for this section."))
            box.blockSignals(False)
        busy = self.runner.running()
        for suffix, action in self.export_actions.items():
            action.setEnabled(bool(available) and not busy)
            self.export_buttons[suffix].setEnabled(bool(available) and not busy)
        self._fit_side_panel()

    def _fit_side_panel(self) -> None:
        """As wide as its longest line (« Recommandations consolidées (aucune donnée) »)."""
        side = self.side_scroll.widget()
        # The boxes' new texts reach the panel's size through posted layout requests: run
        # them now, or the panel is measured with the texts it had before.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        needed = side.minimumSizeHint().width() + bar
        narrow = self.width() < NARROW_SCREEN
        self.side_scroll.setFixedWidth(max(NARROW_SIDE_WIDTH if narrow else SIDE_WIDTH, needed))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_side_panel()
        if self.preview is not None and event.oldSize().width() != event.size().width():
            self.debounce.start()  # the tables' widths follow the preview's

    def _show_next_steps(self, available: frozenset[str] | None) -> None:
        """The preview once something is recorded; before, what to do first (None: no workshop)."""
        if available is not None and available - DESCRIPTION_ONLY:
            self.pages.setCurrentWidget(self.browser)
            return
        if available is None:
            message, steps = _("No workshop is open: choose one first."), [WORKSHOPS]
        else:
            message = _(
                "Nothing to report yet. The report fills in as the workshop goes: the "
                "participants who arrive, the programme as it ran, the groups, their "
                "report-backs and the recommendations."
            )
            steps = [
                step
                for step, section in ((IMPORT, "participation"), (AGENDA, "agenda"))
                if section not in available
            ]
        self.nothing_yet.show_steps(message, steps)
        self.pages.setCurrentWidget(self.nothing_yet)

    def _anchor_clicked(self, url: QUrl) -> None:
        wanted = url.fragment()
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and _anchor(block.text()) == wanted:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                scroll = self.browser.verticalScrollBar()
                scroll.setValue(scroll.maximum())  # then back up: the heading ends at the top
                self.browser.ensureCursorVisible()
                return
            block = block.next()

    def _show(self, text: str, style: str) -> None:
        if style == ERROR_STYLE:
            self.shown = None
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.show()

    def _clear_error(self) -> None:
        """Hide a failure that is old news; a saved report's message and its folder stay."""
        if self.shown is None:
            self.message.hide()
            self.open_folder_button.hide()
