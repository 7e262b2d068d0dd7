"""Duplicate matching, the pure part: blocking keys and the score of two person records (no ORM)."""

from apps.candidates.matching.keys import (
    email_key,
    email_keys,
    name_keys,
    name_query_keys,
    phone_keys,
    profile_keys,
)
from apps.candidates.matching.names import compare_names, parse_name
from apps.candidates.matching.score import Match, Person, Thresholds, Verdict, classify, clear_caches, score

__all__ = [
    "Match",
    "Person",
    "Thresholds",
    "Verdict",
    "classify",
    "clear_caches",
    "compare_names",
    "email_key",
    "email_keys",
    "name_keys",
    "name_query_keys",
    "parse_name",
    "phone_keys",
    "profile_keys",
    "score",
]
