"""ATS backend: the Django project package."""

from ats.celery import app as celery_app

__all__ = ["celery_app"]
