"""Search the workshop's notes, restitutions and recommendations as one types; Enter opens a hit."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.i18n import _, ngettext
from facilitator.store.search import SearchHit, search
from facilitator.ui.context import AppContext

SEARCH_DELAY_MS = 200
MAX_SHOWN = 200  # a longer list is of no use to read: the words must be more precise
HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1


def hit_html(hit: SearchHit) -> str:
    """« <b>title</b><br>snippet with the match in bold », escaped."""
    start, end = hit.match
    snippet = hit.snippet
    body = (
        html.escape(snippet[:start])
        + "<b>"
        + html.escape(snippet[start:end])
        + "</b>"
        + html.escape(snippet[end:])
    )
    return f"<b>{html.escape(hit.title)}</b><br/><span>{body}</span>"


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text: its title, then its snippet with the match in bold."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        document.setTextWidth(max(50, option.rect.width() - 8))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, widget)
        document = self._document(option, index)
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 4, rect.top() + 3)
        document.drawContents(painter)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        document = self._document(option, index)
        return QSize(int(document.idealWidth()) + 8, int(document.size().height()) + 6)


class SearchDialog(QDialog):
    """A search field and its results; Enter or a double-click emits `open_hit` and closes."""

    open_hit = QtSignal(object)  # the SearchHit chosen

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_dialog")
        self.setWindowTitle(_("Search the notes"))
        self.context = context
        self.hits: list[SearchHit] = []

        self.field = QLineEdit(objectName="search_field")
        self.field.setPlaceholderText(_("Search the notes, restitutions and recommendations…"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.results = QListWidget(objectName="search_results")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel(objectName="search_status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.resize(760, 560)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._timer.start)  # restarted by each keystroke
        self.field.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(self._activated)
        self.results.itemDoubleClicked.connect(self._activated)

    def run_search(self) -> None:
        """Search now for the field's text (also what the typing pause triggers)."""
        self._timer.stop()
        query = self.field.text()
        workshop_id = self.context.workshop_id
        if workshop_id is None or not query.strip():
            hits: list[SearchHit] = []
        else:
            hits = self.context.read(lambda s: search(s, workshop_id, query))
        self.hits = hits[:MAX_SHOWN]
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            item.setData(HTML_ROLE, hit_html(hit))
            item.setToolTip(hit.title)
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
        if not query.strip():
            self.status.setText("")
        elif not hits:
            self.status.setText(_("No results"))
        else:
            count = len(hits)
            text = ngettext("{n} result", "{n} results", count).format(n=count)
            if count > MAX_SHOWN:
                text += " · " + _("the first {n} shown").format(n=MAX_SHOWN)
            self.status.setText(text)

    def current_hit(self) -> SearchHit | None:
        item = self.results.currentItem()
        hit = item.data(HIT_ROLE) if item is not None else None
        return hit if isinstance(hit, SearchHit) else None

    def open_current(self) -> None:
        """Enter: search at once if the pause has not come yet, then open the selected hit."""
        if self._timer.isActive():
            self.run_search()
        hit = self.current_hit()
        if hit is not None:
            self.open_hit.emit(hit)
            self.accept()

    def _activated(self, item: QListWidgetItem) -> None:
        self.results.setCurrentItem(item)
        self.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Up and Down in the field move through the results, the typing stays in the field.
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.results.count()
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)
