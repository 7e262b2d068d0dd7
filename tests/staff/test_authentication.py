"""TenantJWTAuthentication loads the user a token names, with their roles, in one statement."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.tokens import AccessToken

from apps.staff.authentication import TenantJWTAuthentication
from apps.staff.roles import RECRUITER, VIEWER
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture, api_client

pytestmark = pytest.mark.django_db


def test_the_user_is_loaded_whole_with_their_roles_only(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        user = User.objects.get(username="recruiter@example.com")
        user.groups.add(Group.objects.create(name="book club"), Group.objects.get(name=VIEWER))
        with CaptureQueriesContext(connection) as queries:
            loaded = TenantJWTAuthentication().get_user(AccessToken.for_user(user))
    assert len(queries) == 1
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(loaded, name) for name in fields] == [getattr(user, name) for name in fields]
    assert loaded.staff_roles == sorted([RECRUITER, VIEWER])  # type: ignore[attr-defined]
    assert not loaded._state.adding


def test_a_token_of_a_user_who_is_gone_is_refused(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        user = User.objects.create_user(username="gone@example.com")
        token = AccessToken.for_user(user)
        user.delete()
        with pytest.raises(AuthenticationFailed):
            TenantJWTAuthentication().get_user(token)


def test_a_group_that_is_no_role_gives_no_access(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        user = User.objects.create_user(username="clubber@example.com")
        user.groups.add(Group.objects.create(name="book club"))
    client: Client = api_client(alpha, "clubber@example.com")
    assert client.get("/api/candidates/").status_code == 403
