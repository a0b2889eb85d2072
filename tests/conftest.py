"""Shared test set-up: headless Qt, and a check that no test leaves anything running.

Every test must end with the threads, child processes and sockets it started gone.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator

import psutil
import pytest

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read the app's English, whatever language the machine running them speaks
# (the app follows the system's: gui/language.py, gui/headless_language.py).
os.environ["LC_ALL"] = "C.UTF-8"
# The app's remembered settings (gui/settings.py) go to a file of this run's own, never
# the user's, for the app in this process and every tcp-lab a test starts; each test
# starts with none (forget_settings below).
SETTINGS_FOLDER = tempfile.mkdtemp(prefix="tcp-lab-test-settings-")
SETTINGS_FILE = os.path.join(SETTINGS_FOLDER, "settings.ini")
os.environ["TCP_LAB_SETTINGS_FILE"] = SETTINGS_FILE
atexit.register(shutil.rmtree, SETTINGS_FOLDER, True)

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


# Qt's global thread pool starts these on demand and ends them after 30 s idle.
QT_POOL_THREAD_NAME = "Thread (pooled)"


def native_thread_count() -> int:
    """Threads of this process, Python's and QThreads alike (Linux: /proc/self/task),
    except the idle workers of Qt's own thread pool."""
    count = 0
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/comm") as comm:
                count += comm.read().strip() != QT_POOL_THREAD_NAME
        except OSError:
            pass  # the thread ended while we looked
    return count


def _leftovers(threads_before: set[int], native_before: int, sockets_before: int) -> list[str]:
    problems = []
    # A QThread that ran Python code shows up as a "dummy" Thread that never leaves
    # threading.enumerate(); the native count below judges those.
    threads = [t for t in threading.enumerate() if t.ident not in threads_before
               and t.is_alive() and not isinstance(t, threading._DummyThread)]
    if threads:
        problems.append(f"threads still running: {[t.name for t in threads]}")
    native = native_thread_count()
    if native > native_before:
        problems.append(f"{native - native_before} more native threads than before the test")
    children = [c for c in _children() if not _is_resource_tracker(c)]
    if children:
        problems.append(f"child processes still running: {[c.pid for c in children]}")
    sockets = open_socket_count()
    if sockets > sockets_before:
        problems.append(f"{sockets - sockets_before} sockets left open")
    return problems


def _children() -> list[psutil.Process]:
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child)
        except psutil.NoSuchProcess:
            pass
    return alive


def _is_resource_tracker(process: psutil.Process) -> bool:
    """multiprocessing's one resource tracker: started with the first spawned child, it
    lives as long as the app (one per app, not one per connection), by design."""
    try:
        return "multiprocessing.resource_tracker" in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return True


@pytest.fixture(autouse=True)
def forget_settings() -> None:
    """What one test's windows remembered must not change the next test's defaults."""
    if "gui.settings" in sys.modules:  # through Qt, which keeps the file's values cached
        sys.modules["gui.settings"].forget_everything()
    if os.path.exists(SETTINGS_FILE):
        os.remove(SETTINGS_FILE)


@pytest.fixture(autouse=True)
def nothing_left_behind() -> Iterator[None]:
    """Fail a test that leaves a thread, a child process or a socket behind."""
    threads_before = {t.ident for t in threading.enumerate() if t.ident is not None}
    native_before = native_thread_count()
    sockets_before = open_socket_count()
    yield
    deadline = time.monotonic() + LEAK_WAIT_SECONDS
    problems = _leftovers(threads_before, native_before, sockets_before)
    while problems and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for teardown to finish, bounded by the deadline
        problems = _leftovers(threads_before, native_before, sockets_before)
    assert not problems, "; ".join(problems)
