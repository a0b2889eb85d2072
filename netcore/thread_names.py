"""The names the system shows for the server's threads: `ps -L`, `top -H`, `htop` (Linux).

Python 3.11 names a thread for Python only (threading.Thread(name=...)); the system goes
on showing the name of the thread that started it, so every connection's thread was
listed as the window's accept loop ("serverAcceptLoo", cut at 15 characters). A class that
runs `ps -L -p PID` beside the window now sees one `conn-3` per client of a
thread-per-client server, and one `select loop` for all of them in the select model.
"""

from __future__ import annotations

import threading

SYSTEM_NAME_BYTES = 15  # what Linux keeps of a thread's name


def connection_thread_name(conn_id: int) -> str:
    """The system's name for the thread serving connection `conn_id`: "conn-3". Short, as
    ps -L lists threads anyway: "thread conn-1000" would be cut to "thread conn-100"."""
    return f"conn-{conn_id}"


def name_system_thread(name: str) -> None:
    """Give the calling thread `name` where the system shows it (Linux; elsewhere nothing
    happens), cut to what the system keeps. Not the main thread: its name is the
    program's own, the one `ps` and `pgrep` find it by."""
    if threading.current_thread() is threading.main_thread():
        return
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/comm", "wb") as comm:
            comm.write(name.encode("ascii", "replace")[:SYSTEM_NAME_BYTES])
    except OSError:
        pass  # no /proc (not Linux), or not allowed: the thread keeps the name it had
