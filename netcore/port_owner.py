"""Which program listens on a TCP port: so that "port in use" can say who holds it.

Linux only, from /proc: the kernel's table of TCP sockets gives the listening socket's
inode, and a process's open descriptors name the sockets they are. Another user's
processes cannot be looked into without root; then, and on other systems, the answer
is None and the sentence just says "another program".
"""

from __future__ import annotations

import os

_LISTEN = "0A"  # the TCP state LISTEN, as /proc/net/tcp writes it
_TABLES = ("/proc/net/tcp", "/proc/net/tcp6")


def program_listening_on(port: int) -> tuple[str, int] | None:
    """(program name, pid) of a process listening on `port`, or None if it cannot be told."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue  # gone, or not ours to look into
        for descriptor in descriptors:
            try:
                if os.readlink(f"/proc/{pid}/fd/{descriptor}") in targets:
                    return _program_name(pid), int(pid)
            except OSError:
                continue
    return None


def _listening_inodes(port: int) -> set[str]:
    wanted = f"{port:04X}"
    inodes: set[str] = set()
    for table in _TABLES:
        try:
            with open(table) as rows:
                next(rows, None)  # the header
                for row in rows:
                    fields = row.split()
                    # local address "0100007F:2328", state, ..., inode (the 10th field)
                    if (len(fields) > 9 and fields[3] == _LISTEN
                            and fields[1].rsplit(":", 1)[-1] == wanted):
                        inodes.add(fields[9])
        except OSError:
            continue
    return inodes


def _program_name(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return "a program"
