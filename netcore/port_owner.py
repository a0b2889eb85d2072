"""Which program holds a TCP socket: so that "port in use" can say who holds the port,
and the kernel's view can say which process each connection belongs to.

Linux only, from /proc: the kernel's table of TCP sockets gives the listening socket's
inode, and a process's open descriptors name the sockets they are. Another user's
processes cannot be looked into without root; then, and on other systems, the answer
is None and the sentence just says "another program".
"""

from __future__ import annotations

import os
import time

from netcore.i18n import translate

_LISTEN = "0A"  # the TCP state LISTEN, as /proc/net/tcp writes it
_TABLES = ("/proc/net/tcp", "/proc/net/tcp6")


def program_listening_on(port: int) -> tuple[str, int] | None:
    """(program name, pid) of a process listening on `port`, or None if it cannot be told."""
    inodes = {int(inode) for inode in _listening_inodes(port)}
    if not inodes:
        return None
    everyone = [int(name) for name in _list("/proc") if name.isdigit()]
    for name, pid, _parent in _scan(everyone, inodes).values():
        return name, pid
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
        return translate("port_owner", "a program")


Holder = tuple[str, int, int]  # (program name, pid, parent's pid)
_FOREIGN_SCAN_SECONDS = 2.0  # how often to look through every process for unknown sockets
_foreign: dict[int, Holder | None] = {}
_foreign_scanned_at = 0.0


def holders_of(inodes: set[int]) -> dict[int, Holder]:
    """The process holding each socket inode, where the system lets us see it.

    This process and its children are looked through every time (a socket passed to a
    child moves); every other process at most every _FOREIGN_SCAN_SECONDS.
    """
    global _foreign_scanned_at
    found = _scan([os.getpid(), *_children_of(os.getpid())], inodes)
    missing = inodes - found.keys()
    now = time.monotonic()
    if missing - _foreign.keys() and now - _foreign_scanned_at >= _FOREIGN_SCAN_SECONDS:
        _foreign_scanned_at = now
        _foreign.clear()
        everyone = [int(name) for name in _list("/proc") if name.isdigit()]
        _foreign.update(_scan(everyone, missing))
        _foreign.update({inode: None for inode in missing - _foreign.keys()})
    for inode in missing:
        holder = _foreign.get(inode)
        if holder is not None:
            found[inode] = holder
    return found


def _scan(pids: list[int], inodes: set[int]) -> dict[int, Holder]:
    targets = {f"socket:[{inode}]": inode for inode in inodes}
    found: dict[int, Holder] = {}
    for pid in pids:
        for descriptor in _list(f"/proc/{pid}/fd"):
            try:
                inode = targets.get(os.readlink(f"/proc/{pid}/fd/{descriptor}"))
            except OSError:
                continue
            if inode is not None:
                found[inode] = (_program_name(str(pid)), pid, _parent_of(pid))
    return found


def _children_of(pid: int) -> list[int]:
    children: list[int] = []
    for task in _list(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                children.extend(int(child) for child in listed.read().split())
        except OSError:
            continue
    return children


def _parent_of(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # "pid (comm) state ppid ...": the name may hold spaces and parentheses.
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _list(directory: str) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []  # gone, or not ours to look into
