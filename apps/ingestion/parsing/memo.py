"""Memoized answers about strings: one resume asks about the same row or part many times
(dates, places, headings, title words), and ``clear_memos`` forgets them all at once."""

from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import TypeVar

T = TypeVar("T")

_CLEARS: list[Callable[[], None]] = []


def memoized(function: Callable[..., T]) -> "_lru_cache_wrapper[T]":
    """The function with its latest 4,096 answers kept; its arguments must be hashable."""
    cached = lru_cache(maxsize=4096)(function)
    _CLEARS.append(cached.cache_clear)
    return cached


def clear_memos() -> None:
    """Forget every memoized answer: the speed benchmark times a first parse, not a repeat."""
    for clear in _CLEARS:
        clear()
