"""A Celery worker with two faults injected, for tests/test_no_personal_data_in_logs.py.

Run as ``python -m tests.pii_worker worker ...``. A message whose job code is
FAULT-INGEST fails inside the pipeline (caught, logged, recorded); one whose job code
is FAULT-TASK fails before the pipeline's own handler, so the exception leaves the
task for Celery and Sentry to report. Both exceptions carry an email address and a
phone number, as a database error or a parser's complaint would.
"""

import sys
from typing import Any
from unittest import mock

import django

FAULT_TEXT = "could not file omkarpathak27@gmail.com, (+91) 8087996634"


class InjectedFault(RuntimeError):
    """The failure this harness injects; its name marks the Sentry events it causes."""


def main() -> None:
    django.setup()
    from apps.ingestion import pipeline, services
    from apps.ingestion.models import InboundMessage
    from ats.celery import app

    original_ingest, original_claim = pipeline._ingest, services.message_claim

    def ingest(message: InboundMessage, *args: Any) -> dict[str, Any]:
        if message.job_code == "FAULT-INGEST":
            raise InjectedFault(FAULT_TEXT)
        return original_ingest(message, *args)

    def claim(*, message_id: int) -> InboundMessage | None:
        message = original_claim(message_id=message_id)
        if message is not None and message.job_code == "FAULT-TASK":
            raise InjectedFault(FAULT_TEXT)
        return message

    # Replaced under the pipeline's own names for them: what message_process calls.
    with mock.patch.object(pipeline, "_ingest", ingest), mock.patch.object(pipeline, "message_claim", claim):
        app.worker_main(sys.argv[1:])


if __name__ == "__main__":
    main()
