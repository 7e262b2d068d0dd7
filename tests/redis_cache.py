"""The test runs' cache: Django's RedisCache whose clear() deletes only its own keys."""

from django.core.cache.backends.redis import RedisCache


class RunScopedRedisCache(RedisCache):
    """Django's clear() is FLUSHDB, which would empty the buckets of every other
    test run sharing the Redis database; each run has its own KEY_PREFIX instead
    (ats.settings.test), and clearing deletes the keys under it."""

    def clear(self) -> None:
        # Django's client has no "delete by prefix"; _cache is that client, not in the stubs.
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
