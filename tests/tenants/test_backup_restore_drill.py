"""scripts/backup-restore-drill.py against this run's test database: the two seeded tenants
dump as the backup role, restore into a scratch database and come back whole, RLS included."""

import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings

from tests import conftest
from tests.conftest import ROOT, manage_env

SCRIPT = ROOT / "scripts" / "backup-restore-drill.py"


def test_the_drill_restores_every_row_file_policy_and_privilege_of_the_test_database(
    django_db_setup: None, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    (media / "t_alpha" / "resumes").mkdir(parents=True)
    (media / "t_alpha" / "resumes" / "cv.pdf").write_bytes(b"%PDF-1.7 alpha")
    (media / "t_beta").mkdir()
    (media / "t_beta" / "letter.txt").write_text("beta")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--media-root", str(media)],
        env=manage_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Drill passed" in result.stdout
    assert "2 files, each with the same sha256" in result.stdout
    # alpha has 5 staff users and beta 7 (its admin, the shared three, its own extras: tests/conftest.py).
    assert "t_alpha.auth_user: 5 of 5 rows with the tenant setting, 0 without" in result.stdout
    assert "t_beta.auth_user: 7 of 7 rows with the tenant setting, 0 without" in result.stdout
    with psycopg.connect(settings.DATABASE_ADMIN_URL, autocommit=True) as admin:
        scratch = f"{conftest.tests_database_name()}_restore_drill"
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch]).fetchone() is None
