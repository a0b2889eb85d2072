"""QThread lifetimes: a thread is never destroyed while it runs."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from gui.threads import LoopThread, running_threads


def test_a_thread_that_outlives_its_wait_survives_its_owner(qtbot: QtBot) -> None:
    """If a loop cannot be woken in time, its window may still be deleted: the thread
    must not go with it (Qt aborts the process when a running QThread is destroyed)."""
    release = threading.Event()
    owner = QObject()
    thread = LoopThread(lambda: release.wait(10), "stuck loop", owner)
    thread.start_loop()
    assert not thread.stop_and_wait(lambda: None, 50)  # the stop request is ignored
    shiboken6.delete(owner)  # the window closes
    assert thread in running_threads()
    release.set()
    assert thread.wait(5000)
    qtbot.waitUntil(lambda: thread not in running_threads(), timeout=5000)
