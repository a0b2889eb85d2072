"""The main window's menus (File, View, Language and Help, with a shortcut for each
action) and its toolbar (Start, Stop, New client window, the guide; icons drawn for the
project, under resources/)."""

from __future__ import annotations

import weakref
from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence

from gui.help_dialogs import GuideDialog, show_about
from gui.i18n import translate
from gui.language import LanguageMenu
from gui.text_room import TextRoom
from gui.text_size import TextSize

if TYPE_CHECKING:  # the window imports this module
    from gui.main_window import MainWindow


class MainMenus(QObject):
    """Builds the window's menu bar; keeps the actions others use. It holds its window
    weakly: the window holds it, and a cycle would leave a closed window to Python's
    collector (see gui/garbage.py)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = weakref.ref(window)
        bar = window.menuBar()

        file_menu = bar.addMenu(translate("main_window", "&File"))
        self.new_client = self._action(translate("main_window", "&New client window"),
                                       QKeySequence.StandardKey.New, window.open_client_window)
        # Ctrl+N from a client window too: demos open clients from wherever the focus is.
        self.new_client.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(self.new_client)
        file_menu.addSeparator()
        self.reset_settings = self._action(translate("main_window", "&Reset settings…"), None,
                                           window.reset_settings)
        self.reset_settings.setToolTip(translate(
            "main_window", "Forget the remembered server settings, text size and window places"))
        file_menu.addAction(self.reset_settings)
        file_menu.addSeparator()
        file_menu.addAction(self._action(translate("main_window", "&Quit"),
                                         QKeySequence.StandardKey.Quit, window.close))

        view_menu = bar.addMenu(translate("main_window", "&View"))
        window.docks.add_actions(view_menu)
        view_menu.addSeparator()
        self.text_size = TextSize()
        # Each step kept within what the screen has room for (gui/text_room.py).
        self.text_room = TextRoom(window, self.text_size)
        self.text_size_actions: list[QAction] = []  # Larger, Smaller, Normal
        for text, keys, change in (
                (translate("main_window", "&Larger text"), QKeySequence.StandardKey.ZoomIn,
                 self.text_room.larger),
                (translate("main_window", "&Smaller text"), QKeySequence.StandardKey.ZoomOut,
                 self.text_room.smaller),
                (translate("main_window", "&Normal text size"), QKeySequence("Ctrl+0"),
                 self.text_room.normal)):
            self.text_size_actions.append(self._action(text, keys, change))
            view_menu.addAction(self.text_size_actions[-1])

        self.language_menu = LanguageMenu(window)
        bar.addMenu(self.language_menu)

        help_menu = bar.addMenu(translate("main_window", "&Help"))
        self.guide = self._action(translate("main_window", "&What am I looking at?"),
                                  QKeySequence.StandardKey.HelpContents, self.show_guide)
        help_menu.addAction(self.guide)
        self.about = self._action(translate("main_window", "&About TCP Lab"), None,
                                  self.show_about)
        help_menu.addAction(self.about)
        self.guide_dialog: GuideDialog | None = None

        toolbar = window.addToolBar(translate("main_window", "Toolbar"))
        toolbar.setObjectName("mainToolBar")  # its place is remembered with the docks'
        # The buttons have Ctrl+R and Ctrl+T already: a second shortcut would be ambiguous.
        self.start = self._action(translate("main_window", "Start Server"), None,
                                  window.start_button.click)
        self.start.setToolTip(window.start_button.toolTip())
        self.stop = self._action(translate("main_window", "Stop"), None, window.stop_button.click)
        self.stop.setToolTip(window.stop_button.toolTip())
        for action, icon in ((self.start, "icon-start.svg"), (self.stop, "icon-stop.svg"),
                             (self.new_client, "icon-new-client.svg"),
                             (self.guide, "icon-help.svg")):
            action.setIcon(resource_icon(icon))
            toolbar.addAction(action)
        self.toolbar = toolbar

    def show_server_running(self, running: bool) -> None:
        self.start.setEnabled(not running)
        self.stop.setEnabled(running)

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
                slot: object) -> QAction:
        action = QAction(text, self.parent())
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        return action

    def show_about(self) -> None:
        window = self._window()
        if window is not None:
            show_about(window)

    def show_guide(self) -> None:
        """The guide beside the window, not in front of it: it is read while looking."""
        window = self._window()
        if window is None:
            return
        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(window)
        if self.guide_dialog.isVisible():
            self.guide_dialog.raise_()  # open already, behind the window: to the front
        else:
            self.guide_dialog.show()


def resource_icon(name: str) -> QIcon:
    """An SVG icon of resources/: drawn sharp at any size and scale."""
    return QIcon(str(resources.files("resources").joinpath(name)))
