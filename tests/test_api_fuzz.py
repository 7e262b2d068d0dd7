"""API fuzzing with schemathesis: every operation of the OpenAPI schema, called
in-process on the WSGI app with generated valid and invalid input.

Three callers, one test each, one test item per operation:
- an hr_admin of alpha on alpha's host: no 5xx, every answer documented (status,
  content type, body schema), and nothing of beta's ever in a body;
- no credentials: refused (401), except the token endpoints;
- alpha's token on beta's host: refused (401).
Then a stateful test chains alpha's calls along the links schemathesis infers.

Both tenants hold the same people, job, notes, merge and upload; a marker string
tells them apart. Path ids are drawn from what the fuzzer makes up and from the
ids seeded in both tenants, so alpha asks for beta's ids too and must get its
own object or a 404, never beta's.

Checks left out, on purpose: negative_data_rejection (DRF is lenient where that
is harmless: a malformed page_size means the default, a number sent for a text
field is read as its text, an unknown filter value matches nothing) and the
response-time checks (timings are measured in scripts/fuzz-api.sh, not asserted).

FUZZ_MAX_EXAMPLES sets the generated cases per operation (default 6, a third of
that for the refusals, twice that many stateful scenarios); scripts/fuzz-api.sh
runs it longer. Generation is derandomized: a run is the same run every time.
"""

import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework_simplejwt.tokens import AccessToken
from schemathesis import Case, HookContext
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.applications.models import Application, Job
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, DuplicateReview, Merge
from apps.candidates.services import candidate_ingest, candidate_merge, note_create
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import resume_upload
from apps.tenants.context import tenant_context
from ats.wsgi import application
from tests.conftest import SEEDED, TenantFixture, user_in
from tests.factories import ApplicationFactory, JobFactory

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "6"))
# Anyone may ask for a token; everything else needs one.
PUBLIC_OPERATIONS = {"POST /api/auth/token/", "POST /api/auth/token/refresh/"}
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    # The same cases every run, unless scripts/fuzz-api.sh is given FUZZ_SEED.
    derandomize="FUZZ_SEED" not in os.environ,
    database=None,
    deadline=None,
    # Every case is a real request with database work: slow by hypothesis's standards.
    suppress_health_check=list(HealthCheck),
)
# A refusal comes before any input is read: a few cases per operation show it.
REFUSAL_SETTINGS = settings(FUZZ_SETTINGS, max_examples=max(2, MAX_EXAMPLES // 3))
# The ids seeded in alpha and beta, by the path segment of their resource.
SEEDED_IDS: dict[str, list[int]] = {}
# Requests sent and their answers, by caller and status: the figures of a run.
SENT: Counter[tuple[str, int]] = Counter()


def served_schema() -> dict[str, Any]:
    """The schema /api/schema/ serves on a tenant host, built without a request:
    pytest makes one test per operation at collection, before any database exists
    (test_the_fuzzed_schema_is_the_one_tenant_hosts_serve checks they are the same)."""
    generator = SchemaGenerator(urlconf="ats.urls")  # type: ignore[no-untyped-call]  # drf-spectacular is untyped
    generated = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    loaded: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(generated))
    return loaded


schema = schemathesis.openapi.from_dict(served_schema())
# Refusals come before any input is read: the coverage phase's hundreds of odd
# inputs per operation would only repeat the same 401, so the refusal tests skip it.
refusals_schema = schemathesis.openapi.from_dict(
    served_schema(), config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
)


@schema.hook("before_generate_path_parameters")
@refusals_schema.hook("before_generate_path_parameters")
def seeded_or_made_up_ids(context: HookContext, strategy: st.SearchStrategy[Any]) -> Any:
    """Half the ids are made up, half are ids seeded in either tenant (read when drawn)."""
    assert context.operation is not None
    resource = context.operation.path.split("/")[2]
    seeded = st.deferred(lambda: st.sampled_from(SEEDED_IDS.get(resource) or [0]))
    return st.one_of(strategy, st.fixed_dictionaries({"id": seeded}))


def marker(slug: str) -> str:
    return f"fuzzmarker-{slug}-q8z"


def seed(fixture: TenantFixture) -> dict[str, list[int]]:
    """The same people, job, notes, merge and upload in each tenant, told apart only by the marker."""
    mark = marker(fixture.tenant.slug)
    with tenant_context(fixture.tenant, actor="test:fuzz"):
        author = user_in(fixture.tenant, "hr@example.com")
        people = [
            ("Maria Garcia", ["maria@example.com"], ["+34 600 000 001"]),
            ("Maria Garcia", ["mg@other.example"], []),  # a possible duplicate: a review item
            ("John Smith", ["john@example.com"], []),
            ("Ada Lovelace", ["ada@example.com"], ["+44 20 7946 0000"]),
            ("Grace Hopper", ["grace@example.com"], []),
            ("Grace Hopper", ["gh@other.example"], []),
        ]
        candidates = [
            candidate_ingest(full_name=name, emails=emails, phones=phones, location=f"Madrid {mark}",
                             skills=["Python"], summary=mark, source="email").candidate
            for name, emails, phones in people
        ]  # fmt: skip
        job = JobFactory(title="Backend engineer", code="FUZZ-1", department=mark)
        applied = ApplicationFactory(candidate=candidates[0], job=job)
        note_create(candidate=candidates[0], application=applied, author=author, body=mark)
        candidate_merge(survivor=candidates[4], merged=candidates[5], actor=author)
        resume_upload(tenant=fixture.tenant, data=mark.encode(), filename=f"{mark}.txt", content_type="text/plain",
                      job=job, uploaded_by="hr@example.com")  # fmt: skip
        return {
            "candidates": list(Candidate.objects.values_list("pk", flat=True)),
            "jobs": list(Job.objects.values_list("pk", flat=True)),
            "applications": list(Application.objects.values_list("pk", flat=True)),
            "duplicate-reviews": list(DuplicateReview.objects.values_list("pk", flat=True)),
            "merges": list(Merge.objects.values_list("pk", flat=True)),
            "inbound-messages": list(InboundMessage.objects.values_list("pk", flat=True)),
            "audit-events": list(AuditEvent.objects.order_by("-pk").values_list("pk", flat=True)[:20]),
        }


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Both tenants seeded once for the module, in a transaction rolled back at its
    end. Each test runs in a savepoint inside it (pytest-django's db), so what the
    fuzzer writes to one operation is gone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        for slug in ("alpha", "beta"):
            for resource, ids in seed(SEEDED[slug]).items():
                SEEDED_IDS.setdefault(resource, []).extend(ids)
        yield
        transaction.set_rollback(True)
    SEEDED_IDS.clear()


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """The WSGI app shares the test's connection and transaction, as Django's test
    client does: a request must not close the connection in the middle of it.
    Per test, since Django's test client connects the handler again after each call."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzzing(seeded: None, in_process_requests: None, db: None) -> None:
    pass


@pytest.fixture(scope="module", autouse=True)
def _report_what_was_sent(request: pytest.FixtureRequest) -> Iterator[None]:
    """The figures of the run, on the terminal (docs/reliability.md quotes them)."""
    yield
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        for caller in sorted({caller for caller, _ in SENT}):
            answers = {status: count for (who, status), count in sorted(SENT.items()) if who == caller}
            print(f"\nfuzz, {caller}: {sum(answers.values())} requests, by status {answers}")


def bearer(fixture: TenantFixture, username: str = "hr@example.com") -> str:
    token = AccessToken.for_user(user_in(fixture.tenant, username))
    token["tenant"] = fixture.tenant.pk
    return f"Bearer {token}"


def send(case: Case[Any], *, caller: str, host: str, authorization: str | None = None) -> Response:
    headers = {"Authorization": authorization} if authorization else None
    response = case.call(app=application, base_url=f"http://{host}", headers=headers)
    SENT[caller, response.status_code] += 1
    return response


def never_shows_beta(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Nothing seeded only in beta reaches alpha's staff."""
    assert marker("beta").encode() not in response.content, "a response on alpha's host carries beta's data"
    return None


def refused(response: Response) -> bool:
    """401, or 404 when the generated path matches no route at all (the router's
    id pattern refuses "0.5"): such a request never reaches a view."""
    if response.status_code == 401:
        return True
    try:
        resolve(urlsplit(str(response.request.url)).path, urlconf="ats.urls")
    except Resolver404:
        return response.status_code == 404
    return False


@schema.parametrize()
@FUZZ_SETTINGS
def test_alpha_staff_get_no_server_error_no_undocumented_answer_and_nothing_of_beta(
    case: Case[Any], fuzzing: None, alpha: TenantFixture
) -> None:
    response = send(case, caller="alpha hr_admin on alpha", host=alpha.host, authorization=bearer(alpha))
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            never_shows_beta,
        ],
    )


@refusals_schema.parametrize()
@REFUSAL_SETTINGS
def test_without_credentials_every_operation_but_the_token_ones_is_refused(
    case: Case[Any], fuzzing: None, alpha: TenantFixture
) -> None:
    response = send(case, caller="anonymous on alpha", host=alpha.host)
    case.validate_response(response, checks=[not_a_server_error, never_shows_beta])
    if case.operation.label not in PUBLIC_OPERATIONS:
        assert refused(response), (case.method, response.request.url, response.status_code)


@refusals_schema.parametrize()
@REFUSAL_SETTINGS
def test_a_token_of_alpha_is_refused_on_betas_host(
    case: Case[Any], fuzzing: None, alpha: TenantFixture, beta: TenantFixture
) -> None:
    response = send(case, caller="alpha token on beta", host=beta.host, authorization=bearer(alpha))
    case.validate_response(response, checks=[not_a_server_error])
    assert marker("beta").encode() not in response.content, "beta's data answered a token of alpha"
    if case.operation.label not in PUBLIC_OPERATIONS:
        assert refused(response), (case.method, response.request.url, response.status_code)


def test_the_fuzzed_schema_is_the_one_tenant_hosts_serve(fuzzing: None, alpha: TenantFixture) -> None:
    served = Client(headers={"host": alpha.host}).get("/api/schema/", {"format": "json"})
    assert served.status_code == 200
    assert served.json() == served_schema()


def test_linked_operations_in_sequence_never_fail_alphas_staff(fuzzing: None, alpha: TenantFixture) -> None:
    """Stateful: drf-spectacular writes no OpenAPI links, so schemathesis infers
    them from the schema (30: the ids a list or a create answers feed the detail
    and the actions of that resource) and chains calls along them."""

    class AlphaWorkflow(schema.as_state_machine()):  # type: ignore[misc]  # a class made at run time
        def setup(self) -> None:
            # Each scenario starts from the seeded data: hypothesis replays a
            # scenario to shrink it and needs the same answers the second time.
            self.savepoint = transaction.savepoint()

        def teardown(self) -> None:
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            # A token per call: a long run outlives one (JWT_ACCESS_MINUTES).
            headers = {"Authorization": bearer(alpha)}
            return {"app": application, "base_url": f"http://{alpha.host}", "headers": headers}

        def validate_response(self, response: Response, case: Case[Any], *args: Any, **kwargs: Any) -> None:
            SENT["alpha hr_admin on alpha, stateful", response.status_code] += 1
            case.validate_response(
                response,
                checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                        response_schema_conformance, never_shows_beta],
            )  # fmt: skip

    AlphaWorkflow.run(settings=settings(FUZZ_SETTINGS, max_examples=MAX_EXAMPLES * 2, stateful_step_count=6))
