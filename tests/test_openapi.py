"""The OpenAPI schema describes every endpoint without a warning."""

import subprocess
import sys

from tests.conftest import ROOT, manage_env


def test_the_schema_generates_and_validates_without_warnings() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"],
        env=manage_env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
