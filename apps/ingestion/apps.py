"""Ingestion: inbound mail (webhooks, API uploads, mailbox import) to candidates."""

from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "apps.ingestion"
    label = "ingestion"

    def ready(self) -> None:
        from anymail.signals import inbound

        from apps.ingestion.webhooks import inbound_received

        inbound.connect(inbound_received, dispatch_uid="apps.ingestion.inbound_received")
