"""The thread that watches a process-per-client server's children ends cleanly even when
a stop outlives the time it was given (a busy machine: children slow to end)."""

from __future__ import annotations

import socket
import threading

from netcore.config import ServerConfig, ServerModel
from netcore.events import Event, EventKind
from netcore.process_model import MONITOR_NAME, ChildHandle, ChildMonitor, prepare_child
from tests.netcore.helpers import WAIT_SECONDS, wait_until


def monitor_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == MONITOR_NAME}


def test_a_stop_that_outlives_its_timeout_leaves_the_monitor_to_finish_cleanly() -> None:
    """Before, the stop closed the monitor's wake-up socket while the monitor still waited
    on it ("Invalid file descriptor: -1", and children left behind)."""
    served, client = socket.socketpair()
    events: list[Event] = []
    ended: list[ChildHandle] = []
    monitor = ChildMonitor(events.append, lambda handle, event: None, ended.append)
    before = monitor_threads()
    monitor.start()
    (thread,) = monitor_threads() - before  # this monitor's, whatever else runs
    try:
        handle = prepare_child(served, 1, "a test peer", ServerConfig(model=ServerModel.PROCESS))
        handle.start()
        monitor.add(handle)
        monitor.stop(0.0)  # returns at once: the child is still starting its interpreter
        assert thread.is_alive(), "the monitor goes on until its child has ended"
        assert wait_until(lambda: not thread.is_alive(), WAIT_SECONDS)
        assert ended == [handle] and not handle.process.is_alive()
        assert any(event.kind is EventKind.CLOSED for event in events)
    finally:
        client.close()
