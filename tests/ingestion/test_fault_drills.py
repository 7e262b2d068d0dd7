"""The quickest fault drills of scripts/fault_drills.py, on a small burst, through
the same code: their own PostgreSQL cluster, redis-server, gunicorn and Celery
(the shared servers are never touched). Each must end with no mail lost and none
doubled. The other drills (SIGTERM, Redis full, poison, disk full) and larger
bursts are run by hand; their figures are in docs/reliability.md."""

from collections.abc import Iterator

import pytest

from scripts.drills.drills import Result, format_notes, run_drill
from scripts.drills.stack import Stack, running_stack

pytestmark = pytest.mark.worker

MESSAGES = 12


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with running_stack() as started:
        yield started


def drill(stack: Stack, name: str) -> Result:
    result = run_drill(stack, name, MESSAGES)
    assert result.ok, format_notes(result)
    assert (result.sent, result.stored, result.processed, result.failed) == (MESSAGES, MESSAGES, MESSAGES, 0)
    assert (result.lost, result.duplicated) == (0, 0)
    return result


def test_a_worker_killed_mid_task_loses_and_doubles_nothing(stack: Stack) -> None:
    result = drill(stack, "worker-sigkill")
    assert result.notes["processing when killed"] > 0
    # The killed worker's messages were claimed again once their lease ran out, and done.
    ends = result.notes["in flight at the signal, in the end"]
    assert len(ends) == result.notes["processing when killed"]
    assert all(end.startswith("done after") and end != "done after 1" for end in ends), ends


def test_mail_arriving_while_redis_is_down_is_acknowledged_from_the_database_and_swept_later(stack: Stack) -> None:
    result = drill(stack, "redis-restart")
    answers = result.notes["answers while Redis was down"]
    assert set(answers) == {"200"}, answers
    assert result.provider_retries == 0


def test_mail_arriving_while_postgresql_is_down_is_refused_retried_by_the_provider_and_stored_once(
    stack: Stack,
) -> None:
    result = drill(stack, "postgres-restart")
    answers = result.notes["answers while PostgreSQL was down"]
    assert answers
    assert not any(answer.startswith("2") for answer in answers), answers
    assert result.provider_retries > 0
