"""Helpers of the rate-limit tests: a clock they move across windows, and small rates."""

from dataclasses import dataclass

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper

from ats import throttling

# A multiple of every window the tests use (1 s, a minute, an hour): a window starts here.
WINDOW_START = 1_800_000_000.0


@dataclass
class Clock:
    now: float

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clock_freeze(monkeypatch: pytest.MonkeyPatch, now: float = WINDOW_START) -> Clock:
    """The throttles' clock, stopped at ``now`` until the test moves it."""
    clock = Clock(now)
    monkeypatch.setattr(throttling, "clock", lambda: clock.now)
    return clock


def rates_set(settings: SettingsWrapper, **rates: str) -> None:
    """REST_FRAMEWORK throttle rates by scope, the others unchanged."""
    current = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {**current, "DEFAULT_THROTTLE_RATES": {**current["DEFAULT_THROTTLE_RATES"], **rates}}


def retry_after(response: object) -> int:
    """The Retry-After header of a response, which must be a whole number of seconds."""
    value = response["Retry-After"]  # type: ignore[index]  # an HttpResponse
    assert value.isdigit(), value
    return int(value)
