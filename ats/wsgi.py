"""WSGI entry point (gunicorn ats.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")
application = get_wsgi_application()

# The loaded app (some 150,000 objects: modules, models, URL patterns) lives as long
# as the process. Left to the collector, each full collection walks all of it: about
# 90 ms of CPU on our 2-core machine, every few hundred requests, during which every
# request queued behind that worker waits (the webhook's slowest 1 %). Frozen, a full
# collection walks only what requests left behind. The garbage of the imports goes first.
gc.collect()
gc.freeze()
