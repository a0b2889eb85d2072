"""Every control of the main window and of a client window has a name a screen reader
says and a tooltip a mouse shows (the controls Qt makes inside its own widgets, such as a
combo box's list, are Qt's to name)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox,
                               QComboBox, QHeaderView, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

from gui.main_window import MainWindow

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
            QTextEdit, QPlainTextEdit)
QT_OWN_NAMES = ("ScrollLeftButton", "ScrollRightButton")  # a tab bar's own arrows


def spoken_name(control: QWidget) -> str:
    if control.accessibleName():
        return control.accessibleName()
    return control.text() if isinstance(control, QAbstractButton) else ""


def unnamed_controls(top: QWidget) -> list[str]:
    found = []
    for control in top.findChildren(QWidget):
        name = control.objectName()
        if (not isinstance(control, CONTROLS) or isinstance(control, QHeaderView)
                or not name or name.startswith("qt_") or name in QT_OWN_NAMES):
            continue  # not one of the app's own controls
        missing = [what for what, there in (("a name", spoken_name(control)),
                                            ("a tooltip", control.toolTip())) if not there]
        if missing:
            found.append(f"{name} ({type(control).__name__}) lacks {' and '.join(missing)}")
    return found


def test_every_control_has_a_name_and_a_tooltip(qtbot: QtBot, main_window: MainWindow) -> None:
    client = main_window.open_client_window()
    problems = unnamed_controls(main_window) + unnamed_controls(client)
    assert not problems, "\n".join(problems)
