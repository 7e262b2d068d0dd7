"""manage.py parse_resume: JSON with exactly the contract's keys; a one-line reason for an unreadable file."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.ingestion.parsing.result import JSON_KEYS

ROOT = Path(__file__).resolve().parents[2]
SHARED_RESUMES = ROOT.parent / "shared" / "data" / "resumes"
SAMPLE_PDF = SHARED_RESUMES / "soupboss__01-Accountant.pdf"


def test_it_prints_json_with_exactly_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("parse_resume", str(SAMPLE_PDF), "--json", "--as-of", "2026-11-26")
    data = json.loads(capsys.readouterr().out)
    assert tuple(data) == JSON_KEYS
    assert data["emails"] == ["emoore@email.com"]
    assert data["phones"] == ["+12065550149"]
    assert all(len(job["start"]) in (4, 7) for job in data["experience"] if job["start"])


def test_several_files_print_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("parse_resume", str(SAMPLE_PDF), str(SAMPLE_PDF), "--json")
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    assert len(data) == 2


def test_without_json_it_prints_a_readable_summary(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("parse_resume", str(SAMPLE_PDF))
    out = capsys.readouterr().out
    assert "name:" in out
    assert "experience:" in out


def test_an_unreadable_file_exits_non_zero_with_a_one_line_reason(tmp_path: Path) -> None:
    bogus = tmp_path / "resume.pdf"
    bogus.write_bytes(b"MZ\x90\x00 this is an executable, not a PDF")
    done = subprocess.run(
        [sys.executable, "manage.py", "parse_resume", str(bogus), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    reason = done.stderr.strip()
    assert reason
    assert "\n" not in reason
    assert "Traceback" not in reason


def test_a_missing_file_exits_non_zero_with_a_one_line_reason(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        call_command("parse_resume", str(tmp_path / "nope.pdf"))
    assert raised.value.code == 1
