"""Send a file: its bytes exactly as they are on disk, through the same send() as a message."""

from __future__ import annotations

import errno
from pathlib import Path

from gui.i18n import translate

# A file is read whole and queued at once: this much at most (a connection's own queue is
# bounded the same way), so a mistaken pick of a huge file cannot fill the memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_file_to_send(path: Path) -> bytes:
    """The file's bytes; ValueError with a sentence if it cannot be sent."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(translate(
                "file_sender", "“{name}” is {size} MiB: TCP Lab sends files of up to {most} MiB.")
                .format(name=path.name, size=f"{size / 2**20:,.1f}",
                        most=MAX_FILE_BYTES // 2**20))
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(translate("file_sender", "“{name}” could not be read: {reason}.")
                         .format(name=path.name, reason=_why_not_read(exc))) from None
    if not data:
        raise ValueError(translate("file_sender", "“{name}” is empty: there is nothing to send.")
                         .format(name=path.name))
    return data


def _why_not_read(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return translate("file_sender", "this account may not read it")
    if exc.errno == errno.ENOENT:
        return translate("file_sender", "it is not there any more")
    if exc.errno == errno.EISDIR:
        return translate("file_sender", "it is a folder")
    return exc.strerror or str(exc)
