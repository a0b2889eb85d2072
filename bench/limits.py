"""The open-file limit: each socket is a file descriptor, and the default soft limit
(often 1024) stops a server or a load generator long before memory or CPU would."""

from __future__ import annotations

try:
    import resource
except ImportError:  # not on Windows: there the limit is not a per-process rlimit
    resource = None  # type: ignore[assignment]

# Descriptors a process needs besides its sockets: stdio, pipes, Python's own files.
SPARE_DESCRIPTORS = 64


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
        return soft, f"could not raise the open-file limit from {soft} to {target}: {exc}"
    if soft < needed:
        return soft, (f"the open-file limit is {soft} (the system's hard limit), but "
                      f"{sockets} sockets need about {needed}: raise it as root with "
                      f"`ulimit -Hn {needed}` or in /etc/security/limits.conf")
    return soft, ""
