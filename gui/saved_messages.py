"""Messages kept to be sent again with one click, as network test tools keep them.

A message is kept with how it is written (text or hex, the encoding, the line ending) and
remembered between runs (gui/settings.py); the button's menu lists them, and choosing one
fills in the message box and sends it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from gui.i18n import translate
from gui.plain_tooltip import plain_tooltip
from gui.settings import open_settings

SETTING = "messages/saved"
MAX_SAVED = 30  # a menu longer than this is no longer one click away
MENU_TEXT_CHARACTERS = 40  # how much of a message its menu line shows


@dataclass(frozen=True)
class SavedMessage:
    text: str
    format: str  # the message editor's TEXT or HEX
    encoding: str
    ending: int  # index of the line ending

    def menu_text(self) -> str:
        shown = self.text if len(self.text) <= MENU_TEXT_CHARACTERS \
            else self.text[:MENU_TEXT_CHARACTERS] + "…"
        # An & would underline the next letter as a shortcut; a line break would split it.
        return shown.replace("&", "&&").replace("\n", " ")


def read_saved() -> list[SavedMessage]:
    """What was kept, skipping anything in the settings file that is not a message."""
    try:
        entries = json.loads(str(open_settings().value(SETTING, "[]")))
    except ValueError:
        return []
    found = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            message = SavedMessage(**entry)
        except TypeError:
            continue
        if all(isinstance(value, expected) for value, expected in (
                (message.text, str), (message.format, str), (message.encoding, str),
                (message.ending, int))):
            found.append(message)
    return found[:MAX_SAVED]


def write_saved(messages: list[SavedMessage]) -> None:
    settings = open_settings()
    settings.setValue(SETTING, json.dumps([asdict(m) for m in messages[:MAX_SAVED]],
                                          ensure_ascii=False))
    settings.sync()


class SavedMessagesButton(QToolButton):
    """"Saved ▾": each kept message (click: send it), keep this one, forget them all."""

    def __init__(self, object_name: str, current: Callable[[], SavedMessage | None],
                 send: Callable[[SavedMessage], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setText(translate("saved_messages", "S&aved"))
        self.setToolTip(translate("saved_messages", "Messages kept to send again with one click"))
        self.setAccessibleName(translate("saved_messages", "Saved messages"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._current = current
        self._send = send
        self.menu_of_messages = QMenu(self)
        self.menu_of_messages.aboutToShow.connect(self.refresh)
        self.setMenu(self.menu_of_messages)
        self.refresh()

    def refresh(self) -> None:
        """List what is kept now (another window may have kept one meanwhile)."""
        menu = self.menu_of_messages
        menu.clear()
        saved = read_saved()
        for message in saved:
            action = QAction(message.menu_text(), menu)
            action.setToolTip(plain_tooltip(message.text))
            action.triggered.connect(lambda _checked=False, m=message: self._send(m))
            menu.addAction(action)
        if saved:
            menu.addSeparator()
        keep = menu.addAction(translate("saved_messages", "&Keep this message"))
        keep.triggered.connect(self.keep_current)
        forget = menu.addAction(translate("saved_messages", "&Forget the kept messages"))
        forget.setEnabled(bool(saved))
        forget.triggered.connect(lambda: write_saved([]))

    def keep_current(self) -> None:
        message = self._current()
        if message is None:
            return
        saved = [m for m in read_saved() if m != message]
        write_saved([message, *saved])  # the newest first
