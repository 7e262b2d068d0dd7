"""What the fault drills (scripts/fault_drills.py) found, pinned in process: a
resume file cut short by a full disk is written again, and a message claimed
more often than the bound is failed instead of being tried forever."""

import hashlib
from pathlib import Path

import pytest

from apps.candidates.models import Candidate, Resume, resume_upload_to
from apps.ingestion.models import InboundMessage
from apps.ingestion.pipeline import MAX_ATTEMPTS, message_process
from apps.ingestion.services import _file_save, message_store
from tests.conftest import TenantFixture
from tests.ingestion.payloads import RESUMES, build_mime, resume_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

RESUME = "rendercv__John_Doe_ClassicTheme_CV.pdf"


def stored_message(fixture: TenantFixture) -> int:
    stored = message_store(
        tenant=fixture.tenant, raw_mime=build_mime(attachments=[resume_file(RESUME)]), channel="mailgun"
    )
    assert stored.message_id is not None
    return stored.message_id


def test_a_resume_file_cut_short_by_a_full_disk_is_written_again_when_the_message_is_reprocessed(
    in_alpha: TenantFixture, media_root: Path
) -> None:
    data = (RESUMES / RESUME).read_bytes()
    # What a write that hit ENOSPC (or a worker killed mid-write) leaves under the digest's name.
    name = resume_upload_to(Resume(sha256=hashlib.sha256(data).hexdigest()), RESUME)
    (media_root / name).parent.mkdir(parents=True)
    (media_root / name).write_bytes(data[:100])
    assert message_process(message_id=stored_message(in_alpha)) == "done"
    resume = Resume.objects.get()
    assert resume.file.name == name
    assert resume.file.read() == data


def test_a_resume_file_name_taken_while_it_is_written_leaves_the_other_file_alone(media_root: Path) -> None:
    # Two workers storing the same bytes at once: the second one's O_EXCL open finds the
    # name taken and the storage gives its copy another name.
    name = "tenants/t_alpha/resumes/ab/ab" + "0" * 62
    (media_root / name).parent.mkdir(parents=True)
    (media_root / name).write_bytes(b"the other worker's bytes")
    stored = _file_save(name, b"these bytes")
    assert stored != name
    assert (media_root / stored).read_bytes() == b"these bytes"
    assert (media_root / name).read_bytes() == b"the other worker's bytes"


@pytest.mark.parametrize(("claims_before", "outcome"), [(MAX_ATTEMPTS - 1, "done"), (MAX_ATTEMPTS, "failed")])
def test_a_message_claimed_more_often_than_the_bound_is_failed_instead_of_tried_again(
    in_alpha: TenantFixture, claims_before: int, outcome: str
) -> None:
    message_id = stored_message(in_alpha)
    # As the sweeper leaves a message that failed transiently each time it was claimed.
    InboundMessage.objects.filter(pk=message_id).update(attempts=claims_before, error="OperationalError")
    assert message_process(message_id=message_id) == outcome
    message = InboundMessage.objects.get(pk=message_id)
    assert message.attempts == claims_before + 1
    if outcome == "failed":
        assert (message.status, message.reason) == (InboundMessage.Status.FAILED, "attempts")
        assert message.error == f"gave up after {MAX_ATTEMPTS} attempts; the last one: OperationalError"
        assert not Candidate.objects.exists()
    else:
        assert message.status == InboundMessage.Status.DONE
