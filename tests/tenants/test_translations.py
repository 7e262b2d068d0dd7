"""Staff-facing strings are translated; German ships in locale/."""

import pytest
from django.test import Client
from django.utils import translation

from apps.audit.models import AuditEvent
from apps.tenants.models import Tenant


def test_model_labels_are_translated_to_german() -> None:
    with translation.override("de"):
        assert str(AuditEvent._meta.verbose_name_plural) == "Protokolleinträge"
        assert str(Tenant._meta.verbose_name) == "Mandant"


@pytest.mark.django_db
def test_the_admin_speaks_the_browsers_language(client: Client) -> None:
    response = client.get("/admin/login/", headers={"host": "alpha.localhost", "accept-language": "de"})
    assert "Alpha · ATS-Personalkonsole" in response.content.decode()
