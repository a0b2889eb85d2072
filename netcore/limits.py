"""The open-file limit: each socket is a file descriptor, and the default soft limit
(often 1024) stops a server, or an app full of client windows, long before memory or
CPU would. A process may raise its own soft limit up to the hard limit, as Go's runtime
and most servers do at start."""

from __future__ import annotations

import os

from netcore.i18n import translate

try:
    import resource
except ImportError:  # not on Windows: there the limit is not a per-process rlimit
    resource = None  # type: ignore[assignment]

# Descriptors a process needs besides its sockets: stdio, pipes, Python's own files.
SPARE_DESCRIPTORS = 64
MOST_DESCRIPTORS = 1 << 20  # enough for any demo; an "unlimited" hard limit is not asked of


def raise_open_file_limit(sockets: int) -> tuple[int, str]:
    """Raise the soft limit towards what `sockets` connections need, within the hard limit.

    Returns (the soft limit now, "" if it is enough or a sentence saying why it is not).
    """
    if resource is None:
        return 0, ""
    needed = sockets + SPARE_DESCRIPTORS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return soft, ""
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    except (ValueError, OSError) as exc:
        return soft, translate("limits", "could not raise the open-file limit from {soft} to "
                                         "{target}: {reason}").format(
            soft=soft, target=target, reason=exc)
    if soft < needed:
        return soft, translate("limits", "the open-file limit is {soft} (the system's hard "
                                         "limit), but {sockets} sockets need about {needed}: "
                                         "raise it as root with `ulimit -Hn {needed}` or in "
                                         "/etc/security/limits.conf").format(
            soft=soft, sockets=sockets, needed=needed)
    return soft, ""


def raise_to_hard_limit() -> int:
    """The soft limit as high as the hard limit allows (at most MOST_DESCRIPTORS)."""
    if resource is None:
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MOST_DESCRIPTORS if hard == resource.RLIM_INFINITY else min(hard, MOST_DESCRIPTORS)
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass  # stays as it was: EMFILE is then reported in words when it is reached
    return soft


def descriptors_left() -> int | None:
    """How many more files this process may open now; None where that cannot be told."""
    if resource is None:
        return None
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft == resource.RLIM_INFINITY:
        return None
    for folder in ("/proc/self/fd", "/dev/fd"):  # Linux; macOS and the BSDs
        try:
            return soft - len(os.listdir(folder))
        except OSError:
            continue
    return None
