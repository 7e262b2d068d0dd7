"""The Django side: one pooled connection serving tenant after tenant keeps no trace."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client

from apps.tenants.context import tenant_connection, tenant_context
from tests.conftest import TenantFixture
from tests.tenants.probe_urls import connection_state

pytestmark = [pytest.mark.urls("tests.tenants.probe_urls")]


def probe(client: Client, fixture: TenantFixture) -> dict[str, object]:
    response = client.get("/probe/", headers={"host": fixture.host})
    assert response.status_code == 200
    data: dict[str, object] = response.json()
    return data


@pytest.mark.django_db
def test_one_connection_serving_alpha_then_beta_shows_only_beta(alpha: TenantFixture, beta: TenantFixture) -> None:
    client = Client()
    connection_id = id(connection.connection)
    with tenant_context(alpha.tenant, actor="test"):
        Group.objects.create(name="alpha only")
    assert "alpha only" in probe(client, alpha)["groups"]  # type: ignore[operator]
    state = probe(client, beta)
    assert id(connection.connection) == connection_id
    assert state["schema"] == beta.tenant.schema_name
    assert state["tenant_id"] == str(beta.tenant.pk)
    assert "alpha only" not in state["groups"]  # type: ignore[operator]


@pytest.mark.django_db
def test_a_request_that_fails_mid_transaction_leaves_no_trace(alpha: TenantFixture, beta: TenantFixture) -> None:
    client = Client(raise_request_exception=False)
    assert client.get("/write-then-fail/", headers={"host": alpha.host}).status_code == 500
    state = probe(client, beta)
    assert state["tenant_id"] == str(beta.tenant.pk)
    assert "written by a failed request" not in state["groups"]  # type: ignore[operator]
    assert "written by a failed request" not in probe(client, alpha)["groups"]  # type: ignore[operator]


@pytest.mark.django_db
def test_after_a_request_the_connection_is_back_in_public_with_no_tenant(alpha: TenantFixture) -> None:
    probe(Client(), alpha)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_setting('app.tenant_id', true), current_setting('app.actor')")
        assert cursor.fetchone() == ("public", "", "")


def switch_tenant_inside_a_rolled_back_atomic(alpha: TenantFixture, beta: TenantFixture) -> dict[str, object]:
    """Bind beta, switch to alpha inside an atomic block that rolls back (which
    reverts the SET made inside it), then report what the next statement sees."""
    with tenant_context(beta.tenant, actor="test"):
        connection_state()
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            tenant_connection.set_tenant(alpha.tenant)
            connection_state()
            raise ZeroDivisionError
        return connection_state()


@pytest.mark.django_db
def test_a_rolled_back_savepoint_does_not_leave_the_previous_tenant_bound(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    state = switch_tenant_inside_a_rolled_back_atomic(alpha, beta)  # atomic() is a savepoint here
    assert (state["schema"], state["tenant_id"]) == (alpha.tenant.schema_name, str(alpha.tenant.pk))


def test_a_rolled_back_transaction_does_not_leave_the_previous_tenant_bound(
    real_transactions: None, alpha: TenantFixture, beta: TenantFixture
) -> None:
    assert connection.get_autocommit()  # no test transaction around this one: atomic() is a real transaction
    state = switch_tenant_inside_a_rolled_back_atomic(alpha, beta)
    assert (state["schema"], state["tenant_id"]) == (alpha.tenant.schema_name, str(alpha.tenant.pk))


def test_a_request_that_fails_in_a_real_transaction_leaves_no_trace(
    real_transactions: None, alpha: TenantFixture, beta: TenantFixture
) -> None:
    client = Client(raise_request_exception=False)
    probe(client, beta)
    assert client.get("/write-then-fail/", headers={"host": alpha.host}).status_code == 500
    assert "written by a failed request" not in probe(client, alpha)["groups"]  # type: ignore[operator]
    state = probe(client, beta)
    assert (state["schema"], state["tenant_id"]) == (beta.tenant.schema_name, str(beta.tenant.pk))


def _task(fixture: TenantFixture, actor: str = "task:probe") -> tuple[int, tuple[object, ...]]:
    """A task's work in ``fixture``'s tenant: how many tenant statements it sent, and
    the schema, tenant id and actor its statement saw."""
    sent: list[str] = []

    def noted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper signature
        if "set_config('search_path'" in sql:
            sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(noted), tenant_context(fixture.tenant, actor=actor), connection.cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_setting('app.tenant_id', true), current_setting('app.actor')")
        state = cursor.fetchone()
    assert state is not None
    return len(sent), tuple(state)


def test_a_task_after_one_of_the_same_tenant_and_actor_sends_no_tenant_statement(
    real_transactions: None, alpha: TenantFixture, beta: TenantFixture
) -> None:
    alpha_state = (alpha.tenant.schema_name, str(alpha.tenant.pk), "task:probe")
    beta_state = (beta.tenant.schema_name, str(beta.tenant.pk), "task:probe")
    assert _task(alpha) == (1, alpha_state)
    assert _task(alpha) == (0, alpha_state)  # the session still holds alpha's settings
    assert _task(beta) == (1, beta_state)
    assert _task(alpha) == (1, alpha_state)
    assert _task(alpha, actor="task:other") == (1, (*alpha_state[:2], "task:other"))
    connection.close()
    assert _task(alpha, actor="task:other") == (1, (*alpha_state[:2], "task:other"))  # a new session


def test_a_tenant_statement_inside_a_transaction_is_sent_again_after_it(
    real_transactions: None, alpha: TenantFixture, beta: TenantFixture
) -> None:
    alpha_state = (alpha.tenant.schema_name, str(alpha.tenant.pk), "task:probe")
    assert _task(alpha) == (1, alpha_state)
    with transaction.atomic():
        assert _task(alpha)[0] == 0
        assert _task(beta)[0] == 1  # in the transaction: undone if it rolls back
    assert _task(beta)[0] == 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        _task(alpha)
        raise ZeroDivisionError
    assert _task(alpha) == (1, alpha_state)
