"""The staff console for bench/admin_pages.py: the API's bench settings, with
static file URLs built without collectstatic's manifest (a dictionary lookup in
production, which nothing here runs collectstatic for)."""

from bench.settings_api import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
