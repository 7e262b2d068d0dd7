"""manage.py parse_resume FILE [FILE...] [--json] [--as-of YYYY-MM-DD] [--region XX]

Prints the structured resume of each file. Needs no database: extraction and
parsing are pure Python (DESIGN.md). Exit status 0, or 1 with a one-line reason
on stderr when a file cannot be read or extracted.
"""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.ingestion.extraction import extract
from apps.ingestion.parsing import parse


class Command(BaseCommand):
    help = "Parse resume files into structured fields (no database needed)."
    requires_system_checks: list[str] = []  # no database, no checks: usable on a laptop

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--json", action="store_true", help="print JSON: an object for one file, a list for several"
        )
        parser.add_argument("--as-of", default=None, help="the date 'present' means (YYYY-MM-DD; default today)")
        parser.add_argument("--region", default=None, help="region for phone numbers without a country code (e.g. DE)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["as_of"]) if options["as_of"] else datetime.date.today()
        except ValueError as error:
            raise CommandError(f"--as-of: {error}") from error
        region = options["region"].upper() if options["region"] else None
        results: list[dict[str, Any]] = []
        failures: list[str] = []
        for name in options["files"]:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as error:
                failures.append(f"{name}: cannot read: {error.strerror or error}")
                continue
            document = extract(data, filename=path.name)
            if not document.ok:
                failures.append(f"{name}: {document.reason or 'unreadable'}")
                continue
            parsed = parse(document, today=today, default_region=region).to_json()
            results.append({"file": name, **parsed} if not options["json"] else parsed)
        if options["json"]:
            payload: Any = results[0] if len(options["files"]) == 1 and results else results
            if results or len(options["files"]) > 1:
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self.stdout.write(_human(result))
        if failures:
            for failure in failures:
                self.stderr.write(failure.replace("\n", " "))
            sys.exit(1)


def _human(result: dict[str, Any]) -> str:
    lines = [f"== {result.get('file', '')}"]
    for key in ("name", "emails", "phones", "links", "location", "skills"):
        value = result[key]
        if isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{key + ':':<12} {value or '-'}")
    lines.append("experience:")
    for job in result["experience"]:
        end = "present" if job["current"] else (job["end"] or "?")
        lines.append(f"  {job['start'] or '?'} - {end}  {job['title'] or '?'} @ {job['employer'] or '?'}")
    lines.append(f"total experience: {result['total_experience_months']} months")
    lines.append("education:")
    for school in result["education"]:
        degree = " in ".join(p for p in (school["degree"], school["field"]) if p)
        lines.append(f"  {school['start'] or ''} - {school['end'] or ''}  {degree or '?'} @ {school['institution']}")
    if result["summary"]:
        lines.append(f"summary:     {result['summary'][:200]}")
    lines.append(f"pages: {result['pages']}  ocr: {result['ocr_used']}  parser: {result['parser_version']}")
    if result["warnings"]:
        lines.append("warnings:    " + "; ".join(result["warnings"]))
    return "\n".join(lines)
