"""Property tests (pytest -m property) for the naming rules tenancy rests on."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django_tenants.postgresql_backend.base import is_valid_schema_name
from hypothesis import given
from hypothesis import strategies as st

from apps.tenants.logging import REQUEST_ID_RE, RequestIdMiddleware
from apps.tenants.models import SLUG_VALIDATOR, schema_name_for

pytestmark = pytest.mark.property

slugs = st.from_regex(r"[a-z][a-z0-9-]{0,38}[a-z0-9]", fullmatch=True)


def is_valid_slug(text: str) -> bool:
    try:
        SLUG_VALIDATOR(text)
    except ValidationError:
        return False
    return True


@given(slugs)
def test_every_valid_slug_gives_a_valid_tenant_schema_name(slug: str) -> None:
    schema = schema_name_for(slug)
    assert is_valid_schema_name(schema)
    assert re.fullmatch(r"t_[a-z0-9_]+", schema)
    assert schema != "public"


@given(slugs, slugs)
def test_different_slugs_never_share_a_schema(first: str, second: str) -> None:
    assert (first == second) == (schema_name_for(first) == schema_name_for(second))


@given(st.text(max_size=60))
def test_a_slug_is_accepted_only_if_it_is_a_dns_label_and_email_local_part(text: str) -> None:
    if is_valid_slug(text):
        assert re.fullmatch(r"[a-z][a-z0-9-]*[a-z0-9]", text)
        assert len(text) <= 40


@given(st.text(max_size=100))
def test_a_request_id_in_logs_and_headers_is_always_plain(incoming: str) -> None:
    request = RequestFactory().get("/", headers={"x-request-id": incoming} if incoming.isprintable() else {})
    seen: list[str] = []

    def view(req: object) -> object:
        from django.http import HttpResponse

        seen.append(req.request_id)  # type: ignore[attr-defined]
        return HttpResponse()

    response = RequestIdMiddleware(view)(request)  # type: ignore[arg-type]
    assert REQUEST_ID_RE.match(response["X-Request-ID"])
    assert seen == [response["X-Request-ID"]]
