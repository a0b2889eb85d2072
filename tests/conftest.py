"""Shared test set-up: headless Qt, and a check that no test leaves anything running.

Every test must end with the threads, child processes and sockets it started gone.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import psutil
import pytest

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LEAK_WAIT_SECONDS = 3.0


def open_socket_count() -> int:
    """Sockets this process holds open (Linux: /proc/self/fd links to socket:[...])."""
    count = 0
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                count += 1
        except OSError:
            pass  # the descriptor closed while we looked
    return count


def _leftovers(threads_before: set[int], sockets_before: int) -> list[str]:
    problems = []
    threads = [t for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    if threads:
        problems.append(f"threads still running: {[t.name for t in threads]}")
    children = [c for c in psutil.Process().children(recursive=True) if c.is_running()
                and c.status() != psutil.STATUS_ZOMBIE]
    if children:
        problems.append(f"child processes still running: {[c.pid for c in children]}")
    sockets = open_socket_count()
    if sockets > sockets_before:
        problems.append(f"{sockets - sockets_before} sockets left open")
    return problems


@pytest.fixture(autouse=True)
def nothing_left_behind() -> Iterator[None]:
    """Fail a test that leaves a thread, a child process or a socket behind."""
    threads_before = {t.ident for t in threading.enumerate() if t.ident is not None}
    sockets_before = open_socket_count()
    yield
    deadline = time.monotonic() + LEAK_WAIT_SECONDS
    problems = _leftovers(threads_before, sockets_before)
    while problems and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for teardown to finish, bounded by the deadline
        problems = _leftovers(threads_before, sockets_before)
    assert not problems, "; ".join(problems)
