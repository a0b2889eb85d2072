"""Build TCP Lab as a standalone program, with its own Python and Qt:

    .venv/bin/pip install ".[bundle]" && .venv/bin/python bundle/build.py

makes dist/tcp-lab/, a folder to copy to another Linux machine of the same kind (no
Python needed there); run dist/tcp-lab/tcp-lab as the installed command. PyInstaller
reads bundle/tcp-lab.spec. tests/test_bundle.py builds it, starts it, and serves an echo
round trip through it, headless.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE / "tcp-lab.spec"
REPOSITORY = HERE.parent


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; returns the program it made. Raises CalledProcessError."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   check=True, cwd=HERE)
    return dist / "tcp-lab" / "tcp-lab"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bundle/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=REPOSITORY / "dist")
    parser.add_argument("--work", type=Path, default=REPOSITORY / "build" / "bundle")
    options = parser.parse_args(argv)
    program = build(options.dist, options.work)
    print(f"built {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
