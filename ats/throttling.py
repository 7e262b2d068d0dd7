"""Rate limits shared by every web process: fixed-window counters in the shared
cache (Redis), each bucket named by its scope, its tenant and who is counted.

One counter per bucket and window: ``add`` starts it, ``incr`` counts, Redis
expires it when the window ends. Two tenants never share a bucket, because user
ids and usernames repeat across tenant schemas. When Redis cannot be reached the
limits let requests through (and log it): a throttle protects the service from
abuse, and refusing every login, upload and mail while the cache is down would
be the outage it is there to prevent. /health reports Redis down meanwhile.

Windows are aligned to the clock, so a client may send up to twice the limit
across a window boundary; that is the price of one atomic counter per request
instead of a log of timestamps (DRF's SimpleRateThrottle keeps such a log with a
read then a write, which concurrent requests on several workers overrun).
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

import redis
from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Seconds since the epoch; the tests move it to cross a window without waiting.
clock = time.time


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int


ALLOWED = Verdict(allowed=True, retry_after=0)


def rate_parse(rate: str | float | None) -> Rate | None:
    """DRF's notation, "10/minute" (s, m, h, d by their first letter); empty or a
    limit of 0 means no limit."""
    if not rate:
        return None
    count, _, period = str(rate).partition("/")
    limit = int(count)
    if limit <= 0:
        return None
    return Rate(limit=limit, seconds=PERIODS[period.strip()[:1].lower()])


def tenant_label(request: HttpRequest) -> str:
    """The tenant part of a bucket: the tenant's schema, or "public" on the platform's host."""
    tenant = getattr(request, "tenant", None)
    return "public" if tenant is None else str(tenant.schema_name)


def digest(value: str) -> str:
    """A bounded, case-insensitive key part for a username or an address: no personal data in Redis keys."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def client_ip(request: HttpRequest) -> str:
    """The client's address as DRF's throttles read it: X-Forwarded-For only
    through the NUM_PROXIES proxies we trust, else REMOTE_ADDR (a header the
    client writes itself must not pick its own bucket)."""
    # get_ident reads only headers and META, which a Django request has too.
    return str(BaseThrottle().get_ident(request) or "")  # type: ignore[arg-type]


def rate_hit(*, scope: str, tenant: str, ident: str, rate: Rate | None) -> Verdict:
    """Count one request in its bucket; refused past the limit, with the seconds
    until the window ends (at least 1)."""
    if rate is None:
        return ALLOWED
    now = clock()
    window = int(now // rate.seconds)
    retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
    key = f"throttle:{scope}:{tenant}:{ident}:{window}"
    try:
        # The key outlives its window by a second, so a late incr never recreates it without an expiry.
        if cache.add(key, 1, timeout=retry_after + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: a new window
                cache.set(key, 1, timeout=retry_after + 1)
                count = 1
    except redis.RedisError:
        logger.warning("rate limit unavailable (Redis); request let through", extra={"scope": scope})
        return ALLOWED
    if count > rate.limit:
        return Verdict(allowed=False, retry_after=retry_after)
    return ALLOWED


def verdict_first_refusal(verdicts: list[Verdict]) -> Verdict:
    """One answer for a request counted in several buckets: the longest wait of
    the full ones (retrying earlier would only be refused again), else allowed."""
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    return max(refused, key=lambda verdict: verdict.retry_after) if refused else ALLOWED


class TenantRateThrottle(BaseThrottle):
    """A DRF throttle over rate_hit. Subclasses name a ``scope`` (its rate is
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope], read per request so that a
    settings change applies) and who is counted (``ident``; None: not counted)."""

    scope: str

    def __init__(self) -> None:
        self.verdict = ALLOWED

    def ident(self, request: HttpRequest, view: Any) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest, view: Any) -> bool:
        ident = self.ident(request, view)
        if ident is None:
            return True
        rate = rate_parse(api_settings.DEFAULT_THROTTLE_RATES.get(self.scope))
        self.verdict = rate_hit(scope=self.scope, tenant=tenant_label(request), ident=ident, rate=rate)
        return self.verdict.allowed

    def wait(self) -> float | None:
        return float(self.verdict.retry_after) if not self.verdict.allowed else None
