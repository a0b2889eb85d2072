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
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_ROOT = HERE.parent
LANGUAGES = ("zh_CN",)  # besides English, the language of the sources


def ts_file(language: str) -> Path:
    return HERE / f"tcp_lab_{language}.ts"


def qm_file(language: str) -> Path:
    return HERE / f"tcp_lab_{language}.qm"


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
