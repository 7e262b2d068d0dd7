"""Applications: a tenant app, filled in by its own issue."""

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "apps.applications"
    label = "applications"
