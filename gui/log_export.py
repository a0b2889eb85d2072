"""A log's lines as text, for the clipboard and for files: tab-separated text or CSV.

Only the columns the view shows are taken, each cell as the log shows it but with all
the data the line kept (its first 512 bytes; the byte count is always exact). A CSV file
starts with a byte order mark, so that spreadsheet programs read its Chinese (or any
non-ASCII) text as UTF-8.
"""

from __future__ import annotations

import csv
import errno
import io
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt

from gui.i18n import translate
from gui.log_model import LogModel

CSV_SUFFIX = ".csv"
TEXT_SUFFIX = ".txt"
# A cell starting with one of these is a formula to a spreadsheet: a peer's bytes such as
# =HYPERLINK(...) would run when the file is opened. Such a cell gets a ' in front, which
# the spreadsheet shows as text (OWASP's advice for CSV files).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(model: LogModel, columns: Sequence[int]) -> list[str]:
    return [str(model.headerData(column, Qt.Orientation.Horizontal)) for column in columns]


def lines(model: LogModel, rows: Sequence[int], columns: Sequence[int]) -> list[list[str]]:
    return [[model.cell_text(row, column) for column in columns] for row in rows]


def as_text(table: list[list[str]]) -> str:
    """Tab-separated, a line per row: what pastes into a spreadsheet or an email."""
    # A tab or a line break inside a cell would break its line into columns or lines.
    return "".join("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in line) + "\n"
                   for line in table)


def as_csv(table: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(  # RFC 4180's line ends
        [[f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell for cell in line]
         for line in table])
    return out.getvalue()


def why_not_written(exc: OSError) -> str:
    """Why a file could not be written, in words (the system's own are English only)."""
    if isinstance(exc, PermissionError):
        return translate("log_export", "this account may not write there; choose another folder")
    reasons = {
        errno.ENOENT: translate("log_export", "that folder does not exist"),
        errno.EISDIR: translate("log_export", "that is a folder, not a file"),
        errno.ENOTDIR: translate("log_export", "part of that path is a file, not a folder"),
        errno.EROFS: translate("log_export", "that disk can only be read"),
        errno.ENOSPC: translate("log_export", "the disk is full"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def save_log(model: LogModel, rows: Sequence[int], columns: Sequence[int], path: Path) -> int:
    """Those lines of the log into `path`, as CSV if it ends in .csv, else as text, with
    the column names first; returns how many lines. Raises OSError if it cannot be written."""
    table = [header(model, columns), *lines(model, rows, columns)]
    if path.suffix.lower() == CSV_SUFFIX:
        path.write_text(as_csv(table), encoding="utf-8-sig", newline="")
    else:
        path.write_text(as_text(table), encoding="utf-8")
    return len(table) - 1
