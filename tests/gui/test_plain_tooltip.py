"""Bytes that look like HTML show in tooltips as they are, never as formatting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from gui.field_marks import mark_refused
from gui.log_model import DETAILS, LogModel
from gui.plain_tooltip import plain_tooltip
from netcore.events import EventKind, make_event

LOOKS_LIKE_HTML = ["<b>hi</b>", "<script>alert(1)</script>", "a <i>tag</i> mid-line",
                   "<p>two  spaces</p>\nand a second line"]


def as_a_tooltip_shows_it(tip: str) -> str:
    """The text a person reads in a tooltip: Qt lays out as HTML what might be HTML."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText().replace("\xa0", " ").replace("\u2029", "\n")


def test_text_that_looks_like_html_is_shown_letter_for_letter(qtbot: QtBot) -> None:
    for text in LOOKS_LIKE_HTML + ["plain words", "recv() 9 B"]:
        assert as_a_tooltip_shows_it(plain_tooltip(text)) == text
    assert plain_tooltip("plain words") == "plain words"  # left as it was


def test_the_log_s_tooltip_shows_the_bytes_a_peer_sent(qtbot: QtBot) -> None:
    model = LogModel(max_rows=100)
    model.append([make_event(EventKind.RECEIVED, 1, "thread conn-1", "recv()",
                             data=text.encode()) for text in LOOKS_LIKE_HTML[:2]])
    for row, text in enumerate(LOOKS_LIKE_HTML[:2]):
        tip = model.index(row, DETAILS).data(Qt.ItemDataRole.ToolTipRole)
        assert text in as_a_tooltip_shows_it(tip)


def test_a_refused_field_s_reason_keeps_the_text_the_person_typed(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    mark_refused(field, "No computer is called “<b>server</b>”.")
    assert as_a_tooltip_shows_it(field.toolTip()) == "No computer is called “<b>server</b>”."


# The tooltip is a window of its own, and the headless platform cannot raise windows.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_long_line_that_looks_like_html_still_wraps_as_tooltips_do(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    QToolTip.showText(QPoint(10, 10), plain_tooltip("<b>hi</b> " + "hello " * 80), owner)
    try:
        qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
        label = next(widget for widget in QApplication.topLevelWidgets()
                     if widget.objectName() == "qtooltip_label")
        # With every space made unbreakable, it was one line 2,651 px wide.
        assert label.width() <= owner.screen().availableGeometry().width()
    finally:
        QToolTip.hideText()
