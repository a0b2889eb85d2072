"""The translation function for netcore's sentences, without Qt.

    translate("errors", "Port {port} is already in use on {host}.").format(port=..., host=...)

netcore runs without a window (tcp-lab serve, tests, benchmarks, child processes): its
translate() returns the English text until a window installs Qt's own with
install_translator(). pyside6-lupdate finds these calls as it finds the window's.
Translations are kept by (context, text): sentences reported per message cost one dict
lookup, not a call into Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Translator = Callable[[str, str], str]

_translator: Translator | None = None
_cache: dict[tuple[str, str], str] = {}
_installs = 0  # see translations_installed()


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    key = (context, text)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _translator(context, text)
    return found


def translations_installed() -> int:
    """How many times a translator was installed: caches of translated text made before
    the last install are out of date (the same translator may come back with a new
    language under it)."""
    return _installs


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a sentence of a table for pyside6-lupdate, as Qt's function of that name does,
    and gives it back unchanged: the table keeps its English, shown with translate()."""
    return text


def install_translator(translator: Translator | None) -> None:
    """Use `translator` from now on (None: English again); forgets what was looked up."""
    global _translator, _installs
    _translator = translator
    _installs += 1
    _cache.clear()


# (context, English, translation): what a process-per-client child is given of its
# window's language, as it cannot load Qt's translations itself (it runs without Qt).
Sentence = tuple[str, str, str]


def install_sentences(sentences: Iterable[Sentence]) -> None:
    """Translate from these sentences from now on (none: English)."""
    table = {(context, english): translation for context, english, translation in sentences}
    install_translator((lambda context, text: table.get((context, text), text))
                       if table else None)
