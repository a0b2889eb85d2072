"""One CPU core for the app's Python threads (Linux).

CPython runs one thread at a time: a thread must hold the interpreter's lock (the GIL)
to run Python code, and lets go of it in every socket call. A thread-per-client server
with thirty busy clients on two cores hands the GIL from thread to thread thousands of
times a second, and each hand-over to a thread on the other core is a wake-up across
cores and a wait for it: the threads spend more time passing the lock than running.
On one core, a hand-over is a plain switch between threads; nothing that needs the GIL
could run in parallel anyway. The other cores are left to the kernel's TCP work, the
programs the app talks to, and the children of a process-per-client server, which are
interpreters of their own (with a GIL each) and get every core back.

A window whose server is process-per-client hands the GIL to few threads (the workers are
other processes): while such a server runs, the window's own thread uses every core too,
and comes back after (so a hundred busy children cannot crowd it on its one core).

Measured in bench/README.md (`python -m bench compare`, "one core vs every core"): on a
two-core machine with 32 clients, the thread-per-client server serves 1.09 to 1.29 times
as many requests a second this way. TCP_LAB_ALL_CORES=1 in the environment turns it off.

A select server without a window (`tcp-lab serve --model select`) is not kept on one
core: its one loop is the only Python thread with work, so there is no GIL to hand over,
and one core would only keep it off the core its clients leave free. Measured alternately
(`perf stat`, 32 clients of 1 KiB): 158,000 requests in 2.5 s on one core against 178,000
to 191,000 on every core, asyncio's server 179,000 to 186,000. With the window it is kept
there with the window's thread, which shares the GIL with it: on every core, the window's
select server served 0.94 of what it serves on one.

Two programs kept on the same core would share it while another core idles: a window
talking to `tcp-lab serve`, say, would wait for the server's turn on every round trip.
So the core is the one fewest other programs are kept on (read from /proc), and of those
the last.
"""

from __future__ import annotations

import os
from collections import Counter

ALL_CORES_VARIABLE = "TCP_LAB_ALL_CORES"
_chosen_core: int | None = None  # the one core, once keep_python_threads_on_one_core() chose it


def keep_python_threads_on_one_core() -> int | None:
    """Run this process on one of the cores it may use (the calling thread now, and every
    thread started after). Returns that core, or None where it is not done: not Linux,
    a single core, or TCP_LAB_ALL_CORES set. Call it first thing, before any thread."""
    if os.environ.get(ALL_CORES_VARIABLE) or not hasattr(os, "sched_setaffinity"):
        return None
    try:
        allowed = sorted(os.sched_getaffinity(0))
        if len(allowed) < 2:
            return None
        core = least_taken_core(allowed, cores_kept_by_other_programs())
        os.sched_setaffinity(0, {core})
    except OSError:
        return None  # a sandbox that does not allow it: the app runs as it would anyway
    global _chosen_core
    _chosen_core = core
    return core


def least_taken_core(allowed: list[int], kept: Counter[int]) -> int:
    """The allowed core the fewest other programs are kept on; of equals, the last (the
    first core often takes more of the machine's interrupts)."""
    return min(reversed(allowed), key=lambda core: kept[core])


def cores_kept_by_other_programs() -> Counter[int]:
    """For each core, how many other programs are kept on it alone (Linux's /proc: another
    TCP Lab, or any program pinned with taskset). The kernel's own per-core threads are
    not counted (every core has them), nor processes the system does not let us read."""
    kept: Counter[int] = Counter()
    own = str(os.getpid())
    try:
        entries = os.listdir("/proc")
    except OSError:
        return kept
    for entry in entries:
        if not entry.isdecimal() or entry == own:
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                program = False  # a kernel thread has no memory of its own: no VmSize
                for line in status:
                    if line.startswith("VmSize:"):
                        program = True
                    elif line.startswith("Cpus_allowed_list:"):
                        cores = line.split(":", 1)[1].strip()
                        if program and cores.isdecimal():  # one core, not a list or range
                            kept[int(cores)] += 1
                        break
        except OSError:
            continue  # ended meanwhile, or not ours to read
    return kept


def back_to_the_one_core() -> None:
    """The calling thread returns to the core keep_python_threads_on_one_core() chose (if
    it chose one), after spread_over_all_cores() let it go."""
    if _chosen_core is None:
        return
    try:
        os.sched_setaffinity(0, {_chosen_core})
    except OSError:
        pass


def spread_over_all_cores() -> None:
    """Let the calling thread run on every core the system allows it: a child process (an
    interpreter of its own), or a thread that shares the GIL with few others. (On Linux
    this is the calling thread's own setting, and the threads it starts inherit it.)"""
    if not hasattr(os, "sched_setaffinity"):
        return
    try:
        # Cores the system does not let this process use are left out by the kernel.
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    except OSError:
        pass  # it runs where it was started: slower at worst
