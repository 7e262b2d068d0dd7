"""Parsing: an extracted Document in, a structured resume out (pure Python, no ORM)."""

from .result import PARSER_VERSION, ParsedResume
from .resume import parse

__all__ = ["PARSER_VERSION", "ParsedResume", "parse"]
