"""Regression guard: PySide6 6.12.0 on CPython < 3.12 aborts ("Fatal Python error:
bool_dealloc") after a few thousand Signal.emit() calls. The pins in pyproject.toml keep
users off that combination; this test fails if the installed Qt has the bug."""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMITS = 50_000

STRESS = textwrap.dedent(f"""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
    from gui.event_bridge import EventBridge
    from netcore.events import EventKind, make_event

    class Emitter(QObject):
        flag = Signal(bool)
        count = Signal(int)
        batch = Signal(list)

    class Receiver(QObject):
        def __init__(self):
            super().__init__()
            self.seen = 0
        @Slot(bool)
        def on_flag(self, value):
            self.seen += 1
        @Slot(int)
        def on_count(self, value):
            self.seen += 1
        @Slot(list)
        def on_batch(self, value):
            self.seen += 1

    app = QCoreApplication([])
    emitter, receiver = Emitter(), Receiver()
    emitter.flag.connect(receiver.on_flag)
    emitter.count.connect(receiver.on_count)
    emitter.batch.connect(receiver.on_batch)
    bridge = EventBridge()
    bridge.eventsArrived.connect(receiver.on_batch)
    event = make_event(EventKind.RECEIVED, 1, "w", "recv()", data=b"x")
    for i in range({EMITS}):
        emitter.flag.emit(i % 2 == 0)
        emitter.count.emit(i)
        emitter.batch.emit([event])
        bridge.sink(event)
        bridge.drain()
    assert receiver.seen == 4 * {EMITS}, receiver.seen
    print("emitted", receiver.seen)
""")


def test_many_signal_emits_do_not_abort() -> None:
    result = subprocess.run([sys.executable, "-c", STRESS], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"emitted {4 * EMITS}" in result.stdout
