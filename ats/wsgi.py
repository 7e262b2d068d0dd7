"""WSGI entry point (gunicorn ats.wsgi): Django's handler, and for the inbound mail
webhooks one with a middleware chain of their own."""

import gc
import os
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.http.response import HttpResponseBase

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")
site = get_wsgi_application()


class WebhookHandler(WSGIHandler):
    """Django's handler with settings.WEBHOOK_MIDDLEWARE for a chain: a provider's post
    needs no session, user, CSRF token, message, language or static file, and the
    classes for those took a tenth of a webhook's CPU."""

    def load_middleware(self, is_async: bool = False) -> None:
        # Django builds the chain from settings.MIDDLEWARE alone: swapped for the build
        # (once, at startup, before any request), then put back.
        chain = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.WEBHOOK_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = chain


webhooks = WebhookHandler()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> HttpResponseBase:
    handler = webhooks if environ.get("PATH_INFO", "").startswith(settings.WEBHOOK_PATH_PREFIX) else site
    return handler(environ, start_response)


# The loaded app (some 150,000 objects: modules, models, URL patterns) lives as long
# as the process. Left to the collector, each full collection walks all of it: about
# 90 ms of CPU on our 2-core machine, every few hundred requests, during which every
# request queued behind that worker waits (the webhook's slowest 1 %). Frozen, a full
# collection walks only what requests left behind. The garbage of the imports goes first.
gc.collect()
gc.freeze()
