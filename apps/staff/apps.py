"""Staff: each tenant's own users, their roles, and API tokens bound to the tenant."""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "apps.staff"
    label = "staff"
    verbose_name = "Staff"

    def ready(self) -> None:
        from apps.staff import schema  # noqa: F401  # registers the OpenAPI auth extension
