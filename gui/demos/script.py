"""What a demo is made of: steps, each an action, a condition to wait for, and words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Narration: fixed words, or words made from what happened (asked once it happened).
Words = str | Callable[[], str]

DEFAULT_STEP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class DemoStep:
    """Say `intro`, do `action`, wait until `until()` is true, then say `outcome`."""

    intro: Words
    action: Callable[[], None] | None = None
    until: Callable[[], bool] | None = None
    waiting_for: str = ""  # what `until` waits for, in words: said if it never comes
    outcome: Words = ""
    timeout_seconds: float = DEFAULT_STEP_TIMEOUT_SECONDS


def words(text: Words) -> str:
    return text() if callable(text) else text
