"""/api/resumes/ and /api/inbound-messages/: uploads take the mail pipeline; roles, tenants, anonymous."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.applications.models import Job
from apps.applications.services import job_create
from apps.ingestion.models import InboundMessage
from apps.ingestion.pipeline import message_process
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client
from tests.ingestion.payloads import RESUMES, build_mime

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

RESUME = "rendercv__John_Doe_ClassicTheme_CV.pdf"


def upload(client: Client, **extra: Any) -> Any:
    data = {"file": SimpleUploadedFile(RESUME, (RESUMES / RESUME).read_bytes(), "application/pdf"), **extra}
    return client.post("/api/resumes/", data)


def test_an_uploaded_resume_goes_through_the_pipeline_and_its_status_names_the_candidate(
    alpha: TenantFixture, django_capture_on_commit_callbacks: Any
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        job = job_create(title="Engineer", code="UP-1", status=Job.Status.OPEN)
    client = api_client(alpha, "recruiter@example.com")
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client, job=job.pk)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "received"
    assert len(callbacks) == 1
    status = client.get(body["status_url"]).json()
    assert (status["status"], status["channel"], status["job_code"]) == ("received", "api", "UP-1")
    with tenant_context(alpha.tenant, actor="test"):
        assert message_process(message_id=body["id"]) == "done"
    status = client.get(body["status_url"]).json()
    assert status["status"] == "done"
    assert [(row["filename"], row["kind"]) for row in status["attachments"]] == [(RESUME, "resume")]
    assert status["candidate"] is not None
    assert status["application"] is not None
    candidate = client.get(f"/api/candidates/{status['candidate']}/").json()
    assert candidate["full_name"] == "John Doe"
    assert candidate["source"] == "api"


def test_two_uploads_of_the_same_file_are_two_messages_and_one_candidate(alpha: TenantFixture) -> None:
    client = api_client(alpha)
    first, second = upload(client).json(), upload(client).json()
    assert first["id"] != second["id"]
    with tenant_context(alpha.tenant, actor="test"):
        assert message_process(message_id=first["id"]) == "done"
        assert message_process(message_id=second["id"]) == "done"
    ids = {client.get(f"/api/inbound-messages/{m['id']}/").json()["candidate"] for m in (first, second)}
    assert len(ids) == 1


def test_an_empty_file_is_refused(alpha: TenantFixture) -> None:
    response = api_client(alpha).post("/api/resumes/", {"file": SimpleUploadedFile("cv.pdf", b"", "application/pdf")})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_viewer_may_read_but_not_upload(alpha: TenantFixture) -> None:
    viewer = api_client(alpha, "viewer@example.com")
    assert upload(viewer).status_code == 403
    assert viewer.get("/api/inbound-messages/").status_code == 200


def test_the_list_shows_status_counts_and_errors_and_filters_by_status(alpha: TenantFixture) -> None:
    from apps.ingestion.services import message_fail, message_store

    with tenant_context(alpha.tenant, actor="test"):
        stored = message_store(tenant=alpha.tenant, raw_mime=build_mime(), channel="mailgun")
        assert stored.message_id is not None
        message_fail(message_id=stored.message_id, error="RuntimeError: boom")
    client = api_client(alpha)
    [row] = client.get("/api/inbound-messages/", {"status": "failed"}).json()["results"]
    assert (row["id"], row["status"], row["error"], row["attachment_count"]) == (
        stored.message_id,
        "failed",
        "RuntimeError: boom",
        0,
    )
    assert client.get("/api/inbound-messages/", {"status": "done"}).json()["results"] == []


def test_another_tenants_message_is_not_found(alpha: TenantFixture, beta: TenantFixture) -> None:
    message_id = upload(api_client(alpha)).json()["id"]
    other = api_client(beta)
    assert other.get(f"/api/inbound-messages/{message_id}/").status_code == 404
    assert other.get("/api/inbound-messages/").json()["results"] == []
    with tenant_context(alpha.tenant, actor="test"):
        assert InboundMessage.objects.filter(pk=message_id).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/inbound-messages/"), ("get", "/api/inbound-messages/1/"), ("post", "/api/resumes/")],
)
def test_anonymous_requests_are_refused(alpha: TenantFixture, method: str, path: str) -> None:
    response = getattr(Client(headers={"host": alpha.host}), method)(path)
    assert response.status_code == 401


@pytest.mark.parametrize("query", [{"status": "fail\x00ed"}, {"channel": "\x00"}, {"status": "nonsense"}])
def test_a_status_or_channel_that_is_none_lists_nothing_and_never_fails(alpha: TenantFixture, query: dict) -> None:  # type: ignore[type-arg]
    # Same class as the NUL in /api/candidates/?search= that tests/test_api_fuzz.py
    # found: the value went to the query as it was, and PostgreSQL refuses a NUL.
    from apps.ingestion.services import message_store

    with tenant_context(alpha.tenant, actor="test"):
        message_store(tenant=alpha.tenant, raw_mime=build_mime(), channel="mailgun")
    response = api_client(alpha).get("/api/inbound-messages/", query)
    assert response.status_code == 200
    assert response.json()["results"] == []
