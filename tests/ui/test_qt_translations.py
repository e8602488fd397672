"""Qt's own texts (standard buttons, file dialog, a line edit's menu) follow the app's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from facilitator.i18n import current_language
from facilitator.ui.app import create_application, install_qt_translator

QT_TRANSLATIONS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
needs_qtbase_fr = pytest.mark.skipif(
    not (QT_TRANSLATIONS / "qtbase_fr.qm").is_file(),
    reason=f"this PySide6 wheel ships no qtbase_fr.qm in {QT_TRANSLATIONS}",
)


@pytest.fixture
def french_app(qapp: QApplication) -> Iterator[QApplication]:
    """The app as the real start-up makes it, in French; the test run's app as it was after."""
    name, display, locale = qapp.applicationName(), qapp.applicationDisplayName(), QLocale()
    assert current_language() == "fr"
    app = create_application()
    assert app is qapp
    yield app
    install_qt_translator("en")  # removes Qt's French
    QLocale.setDefault(locale)
    qapp.setApplicationName(name)
    qapp.setApplicationDisplayName(display)


@needs_qtbase_fr
@pytest.mark.parametrize(
    ("context", "source", "french"),
    [
        ("QPlatformTheme", "Cancel", "Annuler"),
        ("QPlatformTheme", "Save", "Enregistrer"),
        ("QFileDialog", "Look in:", "Voir dans\u00a0:"),
        ("QLineEdit", "&Undo", "&Annuler"),
        ("QLineEdit", "&Paste", "Co&ller"),
    ],
)
def test_qt_texts_are_french(
    french_app: QApplication, context: str, source: str, french: str
) -> None:
    assert QCoreApplication.translate(context, source) == french


@needs_qtbase_fr
def test_standard_buttons_read_french(qtbot: QtBot, french_app: QApplication) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    message = QMessageBox(
        QMessageBox.Icon.Question,
        "Titre",
        "Texte",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(message)
    texts = {
        message.button(b).text()
        for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    }
    assert texts == {"&Oui", "&Non"}


@needs_qtbase_fr
def test_the_save_dialog_reads_french_throughout(qtbot: QtBot, french_app: QApplication) -> None:
    # Qt 6's file dialog labels carry accelerators (« &Look in: ») that qtbase_fr.qm lacks.
    dialog = QFileDialog(None, "Enregistrer")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "&Voir dans\u00a0:" in labels and "Fichiers de &type\u00a0:" in labels
    assert not [text for text in labels if "Look" in text or "type:" in text]
    tips = {button.toolTip() for button in dialog.findChildren(QToolButton)}
    assert {"Précédent", "Dossier parent"} <= tips


@needs_qtbase_fr
def test_english_takes_qt_french_away(french_app: QApplication) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    install_qt_translator("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    install_qt_translator("fr")
    install_qt_translator("fr")  # twice: still one translator, still French
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_without_qtbase_fr_the_app_starts_in_english_qt(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoTranslations:
        LibraryPath = QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which: QLibraryInfo.LibraryPath) -> str:
            return str(tmp_path)  # an empty folder: no qtbase_fr.qm

    locale = QLocale()
    monkeypatch.setattr(QtCore, "QLibraryInfo", NoTranslations)
    try:
        install_qt_translator("fr")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        assert QLocale().language() == QLocale.Language.French  # dates still French
    finally:
        install_qt_translator("en")
        QLocale.setDefault(locale)
