"""How far below the server a process-per-client server's children run (Unix nice values).

The window lowers its children so that a hundred of them, starting up or busy, leave it
its turn. But a priority fixed for one child is wrong for a hundred, and the other way
round: the kernel shares a CPU between programs in proportion to a weight that falls by
about a fifth per nice level (nice 0 weighs 1024, nice 19 weighs 15). A lone child at
nice 19 beside one busy program at nice 0 (a browser, a compiler) gets 1.5% of a CPU, and
needs seconds to start its interpreter; a hundred children at nice 4 outweigh the window
forty times. So each child's nice value follows how many there are: together they weigh
about `share` of one program at the server's priority, as far as nice 19 allows.

A weight says how much CPU, not how soon. On Linux 6.12 and later (the EEVDF scheduler
came in 6.6, slices a task asks for in 6.12), each task also asks for a time slice, and a waking task with a shorter slice than the
running one takes the CPU at once. So the children ask for twice the server's slice,
under the batch policy (a waking batch task never preempts another): the window, with the
ordinary slice, gets the CPU as soon as its timer fires. With the ordinary slice, a window
woken in a hundred-client flood once waited 117 ms while thirty children ran a 4 ms tick
each (`perf sched`). Not much longer, though: a child runs until its slice is used up
unless a task wakes, so with the longest slice (100 ms) the thread holding the GIL that
the window waited for sat 1.8 s behind children (bench/HISTORY.md, "The process model's
children"). Neither changes a child's share of the CPU, and both may be undone without
root: a child told to close gets the ordinary policy and slice back (give_ordinary_turns),
so that it ends in time beside busy programs.

Lowered, children give way to every program at the server's priority, the clients they
serve among them: 32 busy children lowered from their spawn served 0.62 of their speed. So
the window has them run at its own priority until it falls behind, and lowers them then
(ServerConfig.children_give_way_when_asked, gui/event_bridge.py's CHILDREN_CPU_SHARE).

Why not SCHED_IDLE (Linux's "run only when the CPU is idle")? It starved the children
whenever anything else was busy (weight 3: a child's start-up took twenty seconds beside
two busy programs), and a program may not take its children out of it again unless it
runs as root. A program may always lower its children's priority further, but may not
raise it again without root (RLIMIT_NICE): a child's priority only ever falls.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
from collections.abc import Callable

MAX_NICE = 19  # the lowest priority a nice value gives
MIN_NICE = -20
# The kernel's weight for each nice value from -20 to 19 (sched_prio_to_weight in
# kernel/sched/core.c): a program's share of a busy CPU is its weight over the sum.
NICE_WEIGHTS = (
    88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
    9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
    1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
    110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
)


# sched_setattr(2), which Python's os module does not wrap: its number for each
# architecture the kernel reports, for a 64-bit and a 32-bit Python (a 32-bit Raspberry Pi
# OS on a 64-bit kernel says "aarch64", and calls the 32-bit ARM numbers).
_SCHED_SETATTR = {
    ("x86_64", 8): 314, ("x86_64", 4): 351, ("i686", 4): 351, ("i586", 4): 351,
    ("i386", 4): 351, ("aarch64", 8): 274, ("arm64", 8): 274, ("aarch64", 4): 380,
    ("armv8l", 4): 380, ("armv7l", 4): 380, ("armv6l", 4): 380, ("riscv64", 8): 274,
    ("loongarch64", 8): 274, ("ppc64le", 8): 355, ("ppc64", 8): 355, ("s390x", 8): 345,
}
CHILD_SLICE_FACTOR = 2  # a child's slice, over the server's own
DEFAULT_SLICE_NS = 1_500_000  # the server's, where the kernel does not say (2 to 3 CPUs)
MIN_SLICE_NS, MAX_SLICE_NS = 100_000, 100_000_000  # what the kernel allows a task to ask for
# struct sched_attr: size, policy, flags; nice, priority; runtime (the slice), deadline,
# period; utilisation clamps.
_SCHED_ATTR = struct.Struct("IIQiIQQQII")


def weight_of(nice_value: int) -> int:
    return NICE_WEIGHTS[max(MIN_NICE, min(MAX_NICE, nice_value)) - MIN_NICE]


def nice_for_children(count: int, share: float, base: int) -> int:
    """The highest priority (lowest nice value, `base` or above) at which `count` busy
    children together weigh at most `share` of one program at nice `base`; nice 19 when
    no value does."""
    budget = share * weight_of(base)
    for nice_value in range(max(MIN_NICE, min(MAX_NICE, base)), MAX_NICE + 1):
        if count * weight_of(nice_value) <= budget:
            return nice_value
    return MAX_NICE


def server_nice_value() -> int | None:
    """The server's own priority, its main thread's (Linux gives each thread its own; the
    window's socket threads run lower, netcore/cpu.py). None: no nice values here."""
    if not hasattr(os, "getpriority"):
        return None
    try:
        return os.getpriority(os.PRIO_PROCESS, os.getpid())
    except OSError:
        return None


def lower_process(pid: int, nice_value: int) -> None:
    """Every thread of process `pid` to `nice_value`, on Linux with the batch policy and
    a longer slice than the server's (above). On Linux these belong to one thread: the pid
    alone reaches only the main one. A thread started meanwhile inherits its starter's,
    already lowered or lowered at the next call."""
    policy = getattr(os, "SCHED_BATCH", None)
    for task in _tasks_of(pid):
        if policy is None or not _set_fair_attributes(task, policy, nice_value, child_slice_ns()):
            _set_nice(task, nice_value)


def give_ordinary_turns(pid: int, nice_value: int) -> None:
    """Every thread of process `pid` back to the ordinary policy and slice, at
    `nice_value` still (Linux; nothing elsewhere). For a child told to close: as a batch
    task with a longer slice it waits behind busy programs before it may run, and a
    hundred such children beside two of them outlasted the stop's bound."""
    policy = getattr(os, "SCHED_OTHER", None)
    if policy is not None:
        for task in _tasks_of(pid):
            _set_fair_attributes(task, policy, nice_value, 0)  # 0: the kernel's own slice


def _tasks_of(pid: int) -> list[int]:
    if not sys.platform.startswith("linux"):
        return [pid]
    try:
        return [int(task) for task in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        return [pid]  # it has ended (each call then fails harmlessly), or /proc is hidden


def _set_nice(task: int, nice_value: int) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, task, nice_value)
    except OSError:
        pass  # that thread or the child has ended, or the system does not let us


def _set_fair_attributes(task: int, policy: int, nice_value: int, slice_ns: int) -> bool:
    """A policy, a nice value and a slice, in one sched_setattr() (Linux 3.14 and later;
    before 6.12 the slice is ignored). False where it could not be done: another system,
    an architecture not listed above, a sandbox that refuses the call, an ended task."""
    syscall = _syscall()
    if syscall is None:
        return False
    import ctypes  # loaded by _syscall() already

    attr = ctypes.create_string_buffer(
        _SCHED_ATTR.pack(_SCHED_ATTR.size, policy, 0, nice_value, 0, slice_ns, 0, 0, 0, 0),
        _SCHED_ATTR.size)
    return syscall(_sched_setattr_number(), task, attr, 0) == 0


def scheduling_attributes_supported() -> bool:
    """Whether this system lets TCP Lab set a child's policy and slice (Linux, with
    sched_setattr's number known for this architecture)."""
    return _syscall() is not None


@functools.cache
def _sched_setattr_number() -> int | None:
    if not sys.platform.startswith("linux"):
        return None
    return _SCHED_SETATTR.get((os.uname().machine, struct.calcsize("P")))


@functools.cache
def child_slice_ns() -> int:
    """Twice the slice of the server's main thread (the window's), as /proc shows it on
    Linux 6.12 and later: the kernel's base slice grows with the number of CPUs."""
    own = DEFAULT_SLICE_NS
    try:
        with open(f"/proc/{os.getpid()}/sched") as sched:
            for line in sched:
                if line.startswith("se.slice"):
                    own = int(line.split(":")[1])
    except (OSError, ValueError):
        pass
    return max(MIN_SLICE_NS, min(MAX_SLICE_NS, CHILD_SLICE_FACTOR * own))


@functools.cache
def _syscall() -> Callable[..., int] | None:
    """libc's syscall(), or None where it cannot be used here."""
    if _sched_setattr_number() is None:
        return None
    try:
        import ctypes  # the parent's only: a child never calls this (its start-up stays light)

        syscall = ctypes.CDLL(None, use_errno=True).syscall
    except (ImportError, OSError, AttributeError):
        return None  # a Python built without ctypes, or a libc without syscall()
    syscall.restype = ctypes.c_long
    syscall.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_char_p, ctypes.c_uint]
    return syscall


def lower_myself(nice_value: int) -> None:
    """In a new child, before it starts a thread (each inherits it). Never raises the
    priority: the parent may have lowered this child further already. (The parent set
    its policy and slice right after the spawn: they survive this call.)"""
    try:
        if os.getpriority(os.PRIO_PROCESS, 0) < nice_value:
            os.setpriority(os.PRIO_PROCESS, 0, nice_value)
    except OSError:
        pass  # not allowed here: it runs at the priority it was given, or its parent's
