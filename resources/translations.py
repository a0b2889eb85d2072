"""The app's translations: Qt's own workflow, from the sources to the files the app loads.

    python -m resources.translations      # after changing any text the app shows

runs pyside6-lupdate over every module of the app (finding translate() and
QT_TRANSLATE_NOOP() calls) into each `.ts` file here, then pyside6-lrelease into the
`.qm` files the app loads (gui/language.py). New texts come out marked unfinished, until
a translator fills them in (with Qt Linguist, `pyside6-linguist`, or by hand);
tests/gui/test_translations.py fails while any is left, or while a `.qm` is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Collection
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_ROOT = HERE.parent
LANGUAGES = ("zh_CN",)  # besides English, the language of the sources


def ts_file(language: str) -> Path:
    return HERE / f"tcp_lab_{language}.ts"


def qm_file(language: str) -> Path:
    return HERE / f"tcp_lab_{language}.qm"


def shipped_sentences(language: str, contexts: Collection[str] | None = None,
                      ) -> tuple[tuple[str, str, str], ...]:
    """(context, English, translation) of every finished translation in `language`'s .ts
    (of those contexts only, if given): what runs without Qt's translator is given (a
    process-per-client child, `tcp-lab serve`). Empty if there is no such file."""
    try:
        root = ET.parse(ts_file(language)).getroot()
    except (OSError, ET.ParseError):
        return ()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        if contexts is not None and name not in contexts:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") or not translation.text:
                continue
            found.append((name, message.findtext("source") or "", translation.text))
    return tuple(found)


def source_files() -> list[Path]:
    """Every module whose texts a person can see: the window's and netcore's."""
    return sorted([*APP_ROOT.glob("gui/**/*.py"), *APP_ROOT.glob("netcore/*.py")])


def qt_tool(name: str) -> str:
    """pyside6-lupdate or pyside6-lrelease, next to this Python first (a virtual
    environment's own), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def update_ts(ts: Path) -> None:
    """New texts into `ts` (unfinished), texts no longer in the app out of it."""
    subprocess.run([qt_tool("pyside6-lupdate"), *map(str, source_files()), "-no-obsolete",
                    "-locations", "none", "-ts", str(ts)], check=True, capture_output=True)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)


def main() -> int:
    for language in LANGUAGES:
        update_ts(ts_file(language))
        compile_qm(ts_file(language), qm_file(language))
        print(f"{ts_file(language).name} updated, {qm_file(language).name} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
