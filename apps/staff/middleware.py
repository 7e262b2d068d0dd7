"""The console speaks the language a staff user chose (apps.staff.models.StaffPreference);
without a choice, LocaleMiddleware's pick from the browser's Accept-Language stands."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from apps.staff.models import StaffPreference


class StaffLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Session users on tenant hosts only: token requests and the public host have no preference.
        if request.COOKIES and getattr(request, "tenant", None) is not None and request.user.is_authenticated:
            language = (
                StaffPreference.objects.filter(user_id=request.user.pk).values_list("language", flat=True).first()
            )
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
