"""Tenant provisioning started from the platform admin (public host).

apps.tenants.services.tenant_provision reconnects as the owner role, as the
provision_tenant command does; a web request must not switch its own connection
(it is inside the request's transaction and runs as the runtime role). So the
service runs in a thread of its own, which Django gives a connection of its
own, closed when the thread ends."""

import threading
from typing import Any

from django.db import connections

from apps.tenants.services import ProvisionResult, tenant_provision


def tenant_provision_apart(*, slug: str, name: str, domain: str, admin_email: str) -> ProvisionResult:
    """tenant_provision on a connection of its own; its errors are raised here."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = tenant_provision(slug=slug, name=name, domain=domain, admin_email=admin_email)
        except Exception as error:  # handed to the caller's thread, raised there
            outcome["error"] = error
        finally:
            connections.close_all()  # this thread's connections only

    worker = threading.Thread(target=work, name=f"provision-{slug}")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    result: ProvisionResult = outcome["result"]
    return result
