"""Starting the app: the QApplication and the main window."""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui.desktop_entry import ICON_FILE
from gui.garbage import GuiThreadGarbageCollector
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.interrupts import InterruptWatcher
from gui.language import start_in_chosen_language
from gui.main_menus import resource_icon
from gui.main_window import MainWindow
from gui.repaint_limiter import show_everything_held
from gui.threads import wait_for_all
from netcore.cpu import keep_python_threads_on_one_core
from netcore.limits import raise_to_hard_limit

# The application's name: as is for the system (settings, the organisation), translated
# where it is shown (the display name).
APP_NAME = QT_TRANSLATE_NOOP("app", "TCP Lab")
DESKTOP_FILE_NAME = "tcp-lab"  # gui/desktop_entry.py's tcp-lab.desktop
EXIT_WAIT_MS = 2000


def parse_app_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tcp-lab",
                                     description=translate("app", "Open the TCP Lab window."))
    parser.add_argument("--screenshot", metavar="PNG",
                        help=translate("app", "save a picture of the window to this file once "
                                              "it is shown, then quit (works without a "
                                              "screen: QT_QPA_PLATFORM=offscreen)"))
    parser.add_argument("--print-paint-time", action="store_true",
                        help=translate("app", "print the wall-clock time (time.time()) of the "
                                              "window's first paint, then quit: how `python "
                                              "-m bench startup` times a launch"))
    return parser.parse_args(argv)


def app_icon() -> QIcon:
    """The app's icon (resources/tcp-lab.svg), sharp at every size and scale."""
    return resource_icon(ICON_FILE)


def start_application() -> tuple[QApplication, GuiThreadGarbageCollector]:
    """The QApplication as the app runs it, before any window is built: its language, its
    names and icon, and the cycle collector in the GUI thread. `bench` starts its window
    this way too, so that it measures the app as it runs (with Python's own collector,
    which runs in socket threads, the window cost the thread model 0.05 to 0.09 more of
    its speed: bench/HISTORY.md, "The window's cost: the collector, the labels"). Call
    collector.stop() once the event loop is over."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    start_in_chosen_language()  # before any text is made
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(translate("app", APP_NAME))
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # the window belongs to the menu's entry
    return app, GuiThreadGarbageCollector(app)


def run_app(argv: list[str]) -> int:
    options = parse_app_arguments(argv)
    keep_python_threads_on_one_core()  # before Qt or the app start any thread
    # A server and its client windows share this process: 500 clients are 1,000 sockets,
    # more than the usual soft limit of 1,024 descriptors leaves room for.
    raise_to_hard_limit()
    app, collector = start_application()
    window = MainWindow()
    window.show()
    interrupts = InterruptWatcher(window.close)
    if options.screenshot:
        QTimer.singleShot(0, lambda: _save_and_quit(window, options.screenshot))
    if options.print_paint_time:
        FirstPaintWatch(window)  # a child of the window: lives as long as it
    try:
        code = app.exec()
    finally:
        interrupts.uninstall()
        collector.stop()
    if not wait_for_all(EXIT_WAIT_MS):
        # A thread is stuck in a call nothing can wake. Destroying it would abort with
        # "QThread: Destroyed while thread is still running"; leave without destroying.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


class FirstPaintWatch(QObject):
    """Prints when the window is first painted, then closes it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._window:
            self._window.removeEventFilter(self)
            # After this paint event is handled: the window is on screen.
            QTimer.singleShot(0, self._report)
        return False

    @Slot()
    def _report(self) -> None:
        print(f"painted {time.time():.6f}", flush=True)
        self._window.close()


def _save_and_quit(window: MainWindow, path: str) -> None:
    show_everything_held()
    saved = window.grab().save(path)
    if not saved:
        print(translate("app", "Could not save the picture to {path}.").format(path=path),
              file=sys.stderr)
    window.close()
    QApplication.exit(0 if saved else 1)
