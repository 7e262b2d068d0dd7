"""Tenant lookups, cached in process so that routing a request costs no query."""

import time

from django.conf import settings

from apps.tenants.models import Domain, Tenant

_by_host: dict[str, tuple[float, Tenant]] = {}
_by_schema: dict[str, tuple[float, Tenant]] = {}


def _cached(cache: dict[str, tuple[float, Tenant]], key: str) -> Tenant | None:
    entry = cache.get(key)
    if entry is not None and entry[0] > time.monotonic():
        return entry[1]
    return None


def _remember(cache: dict[str, tuple[float, Tenant]], key: str, tenant: Tenant) -> Tenant:
    # Misses are not cached: random Host headers must not grow the cache.
    cache[key] = (time.monotonic() + settings.TENANT_CACHE_SECONDS, tenant)
    return tenant


def tenant_for_host(hostname: str) -> Tenant | None:
    tenant = _cached(_by_host, hostname)
    if tenant is not None:
        return tenant
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    return None if domain is None else _remember(_by_host, hostname, domain.tenant)


def tenant_for_schema(schema_name: str) -> Tenant | None:
    tenant = _cached(_by_schema, schema_name)
    if tenant is not None:
        return tenant
    found = Tenant.objects.filter(schema_name=schema_name).first()
    return None if found is None else _remember(_by_schema, schema_name, found)


def forget_tenants() -> None:
    """Drop this process's cache (after provisioning changes, and between tests)."""
    _by_host.clear()
    _by_schema.clear()
