"""Ingestion: a tenant app, filled in by its own issue."""

from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "apps.ingestion"
    label = "ingestion"
