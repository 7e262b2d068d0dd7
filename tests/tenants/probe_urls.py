"""Test-only views that report what the database connection is bound to."""

from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats.urls import urlpatterns as tenant_urlpatterns


def connection_state() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_schema(), current_setting('app.tenant_id', true), current_setting('app.actor', true)"
        )
        schema, tenant_id, actor = cursor.fetchone()
    return {
        "schema": schema,
        "tenant_id": tenant_id,
        "actor": actor,
        "groups": sorted(Group.objects.values_list("name", flat=True)),
    }


def probe(request: HttpRequest) -> JsonResponse:
    return JsonResponse(connection_state())


def write_then_fail(request: HttpRequest) -> JsonResponse:
    Group.objects.create(name="written by a failed request")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    return JsonResponse({})


class CreateGroup(APIView):
    """A token-authenticated write, as every API write will be."""

    def post(self, request: Request) -> Response:
        group = Group.objects.create(name=request.data["name"])
        return Response({"id": group.pk}, status=201)


urlpatterns = [
    path("create-group/", CreateGroup.as_view()),
    path("probe/", probe),
    path("write-then-fail/", write_then_fail),
    *tenant_urlpatterns,
]
