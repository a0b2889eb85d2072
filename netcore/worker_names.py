"""A worker's name in the person's language, for the window's tables, chart and diagram,
and for netcore's sentences that name one.

netcore names each worker in English ("accept loop", "thread
conn-3", "pid 41237"), the thread's name in Python, kept as it is in events, logs
and tests (netcore.session.worker_name). Only what a person reads is translated, here,
so a Chinese class reads "线程 conn-3" in the log while the thread keeps its name.
"""

from __future__ import annotations

import re

from netcore.i18n import QT_TRANSLATE_NOOP, translate, translations_installed

# Names without a number, as netcore spells them.
FIXED_NAMES = (
    QT_TRANSLATE_NOOP("worker_names", "accept loop"),
    QT_TRANSLATE_NOOP("worker_names", "main loop"),
    QT_TRANSLATE_NOOP("worker_names", "select loop"),
    QT_TRANSLATE_NOOP("worker_names", "child monitor"),
    QT_TRANSLATE_NOOP("worker_names", "idle watch"),
)
# Names with a number: (pattern, sentence with {number}).
NUMBERED_NAMES = (
    (re.compile(r"thread conn-(\d+)"), QT_TRANSLATE_NOOP("worker_names", "thread conn-{number}")),
    (re.compile(r"pid (\d+)"), QT_TRANSLATE_NOOP("worker_names", "pid {number}")),
    (re.compile(r"client (\d+)"), QT_TRANSLATE_NOOP("worker_names", "client {number}")),
    (re.compile(r"conn-(\d+)"), QT_TRANSLATE_NOOP("worker_names", "conn-{number}")),
)
SENDER_SUFFIX = " sender"  # a connection's or a client's thread that only sends
SENDER = QT_TRANSLATE_NOOP("worker_names", "{worker} sender")


# Shown names by name, for the language they were made in: a log filter asks for every
# row's, and a repaint for every visible one. Bounded: a flood makes thousands of names.
_shown: dict[str, str] = {}
_shown_for = [-1]  # translations_installed() when they were made
MAX_KEPT = 4096


def shown_worker(name: str) -> str:
    """`name` as the window shows it; a name it does not know is shown as it is."""
    installs = translations_installed()
    if _shown_for[0] != installs or len(_shown) > MAX_KEPT:
        _shown.clear()
        _shown_for[0] = installs
    shown = _shown.get(name)
    if shown is None:
        shown = _shown[name] = _shown_worker(name)
    return shown


def _shown_worker(name: str) -> str:
    if name.endswith(SENDER_SUFFIX):
        owner = name[:-len(SENDER_SUFFIX)]
        return translate("worker_names", SENDER).format(worker=shown_worker(owner))
    if name in FIXED_NAMES:
        return translate("worker_names", name)
    for pattern, sentence in NUMBERED_NAMES:
        found = pattern.fullmatch(name)
        if found:
            return translate("worker_names", sentence).format(number=found.group(1))
    return name
