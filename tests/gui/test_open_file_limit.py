"""The app raises its own open-file limit: a server and hundreds of client windows share
one process, and the usual soft limit of 1,024 descriptors would stop them early."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap

import pytest

LOW_SOFT_LIMIT = 256

RUN_THE_APP = textwrap.dedent("""
    import resource, sys
    from gui.app import run_app
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == int(sys.argv[1])
    run_app(["--print-paint-time"])
    print("soft limit", resource.getrlimit(resource.RLIMIT_NOFILE)[0], flush=True)
""")


def lower_soft_limit() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (LOW_SOFT_LIMIT, hard))


@pytest.mark.skipif(resource.getrlimit(resource.RLIMIT_NOFILE)[1] <= LOW_SOFT_LIMIT,
                    reason="the hard open-file limit leaves nothing to raise")
def test_the_app_raises_its_open_file_limit_to_the_hard_limit() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    result = subprocess.run([sys.executable, "-c", RUN_THE_APP, str(LOW_SOFT_LIMIT)],
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                            preexec_fn=lower_soft_limit)
    assert result.returncode == 0, result.stderr[-2000:]
    soft = int(result.stdout.split("soft limit")[1])
    assert soft > LOW_SOFT_LIMIT
    assert soft == min(hard, 1 << 20)
