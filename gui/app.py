"""Starting the app: the QApplication and the main window."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.interrupts import InterruptWatcher
from gui.main_window import MainWindow
from gui.threads import wait_for_all

APP_NAME = "TCP Lab"
EXIT_WAIT_MS = 2000


def parse_app_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tcp-lab", description="Open the TCP Lab window.")
    parser.add_argument("--screenshot", metavar="PNG",
                        help="save a picture of the window to this file once it is shown, "
                             "then quit (works without a screen: QT_QPA_PLATFORM=offscreen)")
    return parser.parse_args(argv)


def run_app(argv: list[str]) -> int:
    options = parse_app_arguments(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("TCP Lab")
    window = MainWindow()
    window.show()
    interrupts = InterruptWatcher(window.close)
    if options.screenshot:
        QTimer.singleShot(0, lambda: _save_and_quit(window, options.screenshot))
    try:
        code = app.exec()
    finally:
        interrupts.uninstall()
    if not wait_for_all(EXIT_WAIT_MS):
        # A thread is stuck in a call nothing can wake. Destroying it would abort with
        # "QThread: Destroyed while thread is still running"; leave without destroying.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _save_and_quit(window: MainWindow, path: str) -> None:
    saved = window.grab().save(path)
    if not saved:
        print(f"Could not save the picture to {path}.", file=sys.stderr)
    window.close()
    QApplication.exit(0 if saved else 1)
