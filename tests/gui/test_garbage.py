"""Qt widgets must be destroyed in the GUI thread, and at a known moment.

Python's cycle collector runs in whichever thread crosses its threshold, usually a
socket thread; a window it frees is destroyed there, and Qt crashes. A window must
therefore not sit in a reference cycle, and the app collects cycles in the GUI thread.
"""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from gui.garbage import GuiThreadGarbageCollector
from gui.main_window import MainWindow
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)


def test_a_closed_main_window_is_freed_at_once_not_by_the_collector(qtbot: QtBot) -> None:
    window = MainWindow()
    window.port_spin.setValue(0)
    window.show()
    start_server(qtbot, window)
    client = open_connected_client(qtbot, window)
    kernel_rows = window.kernel_pane.model
    qtbot.waitUntil(lambda: len(kernel_rows.sockets()) >= 3, timeout=SIGNAL_TIMEOUT_MS)
    send_from(client, "hello")  # the conversation and call-flow panes hold state too
    qtbot.waitUntil(lambda: received_text(client) == b"hello\n", timeout=SIGNAL_TIMEOUT_MS)
    client.close()
    window.close()
    freed = weakref.ref(window)
    was_enabled = gc.isenabled()
    gc.disable()  # only reference counting may free it
    try:
        del window
        assert freed() is None, "a reference cycle keeps the window for the collector"
    finally:
        if was_enabled:
            gc.enable()


def test_cycles_are_collected_by_the_gui_threads_timer(qtbot: QtBot) -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    collector = GuiThreadGarbageCollector()
    try:
        assert not gc.isenabled(), "no collection in whatever thread allocates"
        first_threshold = gc.get_threshold()[0]
        nodes = [Node() for _ in range(first_threshold + 10)]
        watched = weakref.ref(nodes[0])
        del nodes
        assert watched() is not None
        qtbot.waitUntil(lambda: watched() is None, timeout=SIGNAL_TIMEOUT_MS)
    finally:
        collector.stop()
    assert gc.isenabled()


def test_a_window_that_ran_a_demo_is_freed_at_once_too(qtbot: QtBot) -> None:
    from gui.demos.catalog import demo_named

    window = MainWindow()
    window.show()
    pane = window.docks.demo_pane
    pane.runner.reading_ms = 0
    with qtbot.waitSignal(pane.runner.finished, timeout=30_000):
        pane.run(demo_named("thread-per-client"))
    pane.end_button.click()
    window.close()
    freed = weakref.ref(window)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del window, pane
        assert freed() is None, "the demo's steps keep the window in a reference cycle"
    finally:
        if was_enabled:
            gc.enable()
