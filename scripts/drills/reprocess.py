"""Reprocess the drill tenant's failed messages through the staff console's service
(apps.ingestion.services.message_reprocess, the admin's "reprocess" action).

    python -m scripts.drills.reprocess   (in the drill stack's environment)

Prints how many were put back in the queue.
"""

import django


def main() -> None:
    django.setup()
    from apps.ingestion.models import InboundMessage
    from apps.ingestion.services import message_reprocess
    from apps.tenants.context import tenant_context
    from apps.tenants.models import Tenant
    from scripts.drills.stack import TENANT

    tenant = Tenant.objects.get(slug=TENANT)
    with tenant_context(tenant, actor="command:drill"):
        failed = list(InboundMessage.objects.defer("raw_mime").filter(status=InboundMessage.Status.FAILED))
        print(sum(message_reprocess(message=message) for message in failed))


if __name__ == "__main__":
    main()
