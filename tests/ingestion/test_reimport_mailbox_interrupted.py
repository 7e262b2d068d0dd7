"""manage.py reimport_mailbox interrupted by Ctrl-C and run again, in real processes with real commits.

Its own module: the other reimport tests run inside a test transaction
(pytestmark django_db), which would roll back this test's clean-up of rows that
the command's processes committed.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

from apps.ingestion.models import InboundMessage
from apps.tenants.context import tenant_context
from tests.conftest import ROOT, TenantFixture, manage_env
from tests.ingestion.test_reimport_mailbox import message, write_mbox


def test_a_run_interrupted_by_ctrl_c_and_run_again_imports_every_message_once(
    alpha: TenantFixture, real_transactions: None, tmp_path: Path
) -> None:
    """Real processes and commits: Ctrl-C (SIGINT) lands wherever the first run is."""
    total = 400
    path = write_mbox(
        tmp_path / "many.mbox", [message(number, delivered_to="alpha@inbound.localhost") for number in range(total)]
    )
    # Store only: the processes enqueue into kombu's in-memory transport, gone when they exit,
    # so nothing reaches a shared queue (a closed port would cost seconds of retries per message).
    env = {**manage_env(), "INGESTION_SENDER_LIMIT": "0", "TEST_CELERY_BROKER_URL": "memory://"}
    command = [sys.executable, str(ROOT / "manage.py"), "reimport_mailbox", "--tenant", "alpha", "--mbox", str(path)]

    def stored() -> int:
        with tenant_context(alpha.tenant, actor="test"):
            return InboundMessage.objects.filter(key__startswith="mid:reimport-").count()

    try:
        first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while stored() < 20 and first.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            first.send_signal(signal.SIGINT)
            out, err = first.communicate(timeout=60)
        finally:
            if first.poll() is None:
                first.kill()
                first.wait()
        after_first = stored()
        assert first.returncode == 1, err
        assert "interrupted; run the same command again" in err
        assert "already known 0" in out
        assert 20 <= after_first < total
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert second.returncode == 0, second.stderr
        expected = (
            f"new {total - after_first}, already known {after_first}, skipped 0, failed 0 ({total} messages read)"
        )
        assert expected in second.stdout
        assert stored() == total
    finally:
        with tenant_context(alpha.tenant, actor="test"):
            InboundMessage.objects.filter(key__startswith="mid:reimport-").delete()
        assert stored() == 0, "rows left behind for the next tests"
