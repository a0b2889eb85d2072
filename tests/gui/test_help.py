"""Help > What am I looking at? (F1) tells each part of the window in a few words; Help >
About says which TCP Lab, Python and Qt these are."""

from __future__ import annotations

import platform

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox

from gui.help_dialogs import GUIDE
from gui.main_window import MainWindow


def test_f1_opens_the_guide_to_every_part_of_the_window(qtbot: QtBot,
                                                         main_window: MainWindow) -> None:
    main_window.activateWindow()
    main_window.setFocus()
    qtbot.waitUntil(main_window.isActiveWindow, timeout=5000)
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    guide = main_window.menus.guide_dialog
    assert guide is not None and guide.isVisible()
    shown = guide.text.toPlainText()
    for heading, _ in GUIDE:
        assert heading in shown
    assert "<" not in shown  # sentences as text, never markup
    # A dock title and the guide's heading name the same thing.
    assert main_window.docks.call_flow_dock.windowTitle() in shown


def test_about_names_the_versions(qtbot: QtBot, main_window: MainWindow,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    main_window.menus.about.trigger()
    assert len(shown) == 1
    assert shown[0].startswith("TCP Lab ")
    assert f"Python {platform.python_version()}" in shown[0] and f"Qt {qVersion()}" in shown[0]
