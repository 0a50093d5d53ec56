"""Verification look-ups per client IP: enough for an inspector, too few to guess codes.

A fixed one-minute window counted in the cache (Redis in production, so every app process shares
it). While Redis is unreachable each process counts in its own memory, the policy every rate limit
follows (see redflag.cache): look-ups keep answering and the limit keeps holding, per process. The
client IP comes from allauth's adapter, which honours the same trusted-proxy settings as the
sign-in rate limits.
"""

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    try:
        return get_adapter(request).get_client_ip(request) or "unknown"
    except Exception:  # allauth refuses to guess behind an unconfigured proxy
        return request.META.get("REMOTE_ADDR", "unknown")


def allow_verification(request) -> bool:
    limit = getattr(settings, "CERTIFICATE_VERIFY_RATE_PER_MINUTE", 30)
    window = int(time.time() // 60)
    key = f"certificates:verify:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= limit
