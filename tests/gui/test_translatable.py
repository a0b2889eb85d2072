"""Every string the app shows a person goes through Qt's translation function (so the app
can be translated), checked on the source: a string literal in gui/ or netcore/ that holds words must
be an argument of translate() or QT_TRANSLATE_NOOP(), or be one of the kinds of strings
that are not shown as text (below)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gui"
NETCORE = ROOT / "netcore"
TRANSLATORS = {"translate", "QT_TRANSLATE_NOOP", "tr"}
# Calls whose string arguments are never shown as text to a person.
NOT_SHOWN = {"setObjectName", "setStyleSheet", "QKeySequence", "QColor", "findChild",
             "findChildren", "setProperty", "property", "strftime", "getattr", "hasattr",
             "startswith", "endswith", "split", "rsplit", "partition", "replace", "join",
             "Signal", "Slot", "setData", "data", "encode", "decode", "print", "fromisoformat",
             "RuntimeError", "ValueError", "TypeError", "AssertionError", "OSError",
             "StepTimedOut", "NotImplementedError", "isdecimal", "index", "get", "pop",
             "setdefault", "format_address", "QFont", "worker_name", "compile"}


def words_in(text: str) -> bool:
    """A string a person would read: two letters and a space at least."""
    return sum(ch.isalpha() for ch in text) >= 2 and " " in text.strip()


def untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    allowed: set[int] = set()  # ids of string nodes that are fine where they are
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            allowed.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            if name in TRANSLATORS or name in NOT_SHOWN:
                for argument in [*node.args, *(k.value for k in node.keywords)]:
                    for inner in ast.walk(argument):
                        allowed.add(id(inner))
        if isinstance(node, ast.Subscript):  # dict["key"], a lookup, not text
            for inner in ast.walk(node.slice):
                allowed.add(id(inner))
        if isinstance(node, ast.Compare):  # == "LISTEN": a value compared, not shown
            for inner in ast.walk(node):
                allowed.add(id(inner))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in allowed and words_in(node.value):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_every_string_shown_goes_through_the_translation_function() -> None:
    problems = [line for path in sorted(GUI.rglob("*.py")) for line in untranslated(path)]
    assert not problems, "not translatable:\n" + "\n".join(problems)


def test_every_sentence_of_netcore_goes_through_its_translation_function() -> None:
    """netcore's sentences (errors, the log's details, the command line's help) too: its
    translate() is Qt's once a window runs (netcore/i18n.py)."""
    problems = [line for path in sorted(NETCORE.rglob("*.py")) for line in untranslated(path)]
    assert not problems, "not translatable:\n" + "\n".join(problems)
