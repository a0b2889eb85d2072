"""Workers' names as the window shows them: netcore's own in English."""

from __future__ import annotations

import pytest

from netcore.worker_names import shown_worker


@pytest.mark.parametrize("name", ["accept loop", "main loop", "select loop", "child monitor",
                                  "idle watch", "thread conn-12", "pid 4321", "client 3",
                                  "conn-7 sender", "client 2 sender", "someone else"])
def test_in_english_a_worker_is_shown_by_its_own_name(name: str) -> None:
    # The README, the tests and `ps -L` all use these names: English shows them as they are.
    assert shown_worker(name) == name
