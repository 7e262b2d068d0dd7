"""Domain errors and the one DRF exception handler that turns every error into
JSON with a code and a message: {"code": ..., "message": ..., "fields": {...}}."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A rule of the domain refused the change; nothing was written."""

    code = "invalid"
    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, code: str | None = None, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code


class ConflictError(DomainError):
    code = "conflict"
    status_code: int = status.HTTP_409_CONFLICT


def _first_message(detail: Any) -> str:
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for a path no route matches (``/api/candidates/1.5/``): under /api/ the
    same JSON as the API's own 404, elsewhere Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "message": str(exceptions.NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "message": exc.message}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        # A model's full_clean() in a service (a job code the serializer let through).
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        body: dict[str, Any] = {"code": "invalid", "message": _first_message(exc.detail)}
        if isinstance(exc.detail, dict):
            body["fields"] = exc.detail
        response.data = body
    else:
        codes = exc.get_codes()
        response.data = {"code": codes if isinstance(codes, str) else "error", "message": _first_message(exc.detail)}
    return response


# Every error answer: a code, a message and, for invalid input, the messages of each field.
ERROR_BODY = inline_serializer(
    name="Error",
    fields={
        "code": serializers.CharField(),
        "message": serializers.CharField(),
        "fields": serializers.DictField(required=False, help_text="The messages of each invalid field."),
    },
)


class ErrorDocumentingAutoSchema(AutoSchema):
    """Documents the error answers an operation can give, next to its success.

    Without them a client (and the fuzzer, tests/test_api_fuzz.py) cannot tell a
    documented refusal from a surprise. Codes an operation declares itself with
    @extend_schema(responses=...) are kept as they are."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in self._error_status_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(ERROR_BODY, str(code), direction=direction)  # type: ignore[no-untyped-call]  # drf-spectacular is untyped
        return responses

    def _error_status_codes(self) -> list[int]:
        requirements = self.get_auth()
        public = not requirements or {} in requirements  # the token views: anyone may ask
        writes = self.method not in ("GET", "HEAD", "OPTIONS")
        codes: list[int] = []
        if writes or self._get_filter_parameters():  # type: ignore[no-untyped-call]  # drf-spectacular is untyped
            codes.append(status.HTTP_400_BAD_REQUEST)  # an invalid body or filter
        if not public:
            codes += [status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN]
        elif writes:
            codes.append(status.HTTP_401_UNAUTHORIZED)  # wrong credentials or token
        if "{" in self.path or self._is_paginated_list():
            codes.append(status.HTTP_404_NOT_FOUND)  # no such object, or a cursor that is none
        if writes and not public:
            codes.append(status.HTTP_409_CONFLICT)  # a rule of the domain refused the change now
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
        if self.view.get_throttles():
            codes.append(status.HTTP_429_TOO_MANY_REQUESTS)
        return codes

    def _is_paginated_list(self) -> bool:
        paginator = self._get_paginator()  # type: ignore[no-untyped-call]  # drf-spectacular is untyped
        return self.method == "GET" and self._is_list_view() and paginator is not None
