"""The WSGI entry point that gunicorn loads."""

import json
import subprocess
import sys

from tests.conftest import ROOT, manage_env

# Run in a process of its own: importing ats.wsgi freezes the importing process's objects.
LOADED = """
import gc, json
import ats.wsgi
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}))
"""


def test_the_loaded_app_is_out_of_the_collectors_sight() -> None:
    """A full collection walks only what requests leave behind, not the app itself."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED],
        cwd=ROOT,
        env=manage_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["frozen"] > 10 * counts["tracked"]
