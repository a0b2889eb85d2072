"""Every package of the app is installed: a subpackage missing from pyproject.toml installs
a `tcp-lab` that cannot start (the launch tests catch it too, but only after an install)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11's")
def test_pyproject_lists_every_package_of_the_app() -> None:
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for top in ("netcore", "gui", "resources")
             for init in (ROOT / top).rglob("__init__.py")}
    assert found <= listed, f"not installed: {sorted(found - listed)}"
