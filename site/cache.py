"""Redis as Redflag's cache, and what happens when Redis is not there.

Redis is an accelerator, never the record: when it cannot be reached, pages are still served and
nothing committed is lost. Each process watches Redis on its own (an `Outage`): the first failed
call logs one warning, short socket timeouts bound what that call costs, and for the next
`BACKOFF_SECONDS` no call tries Redis at all, so an outage adds no latency to the requests that
follow. While Redis stays away a reminder is logged at most every `REPEAT_WARNING_SECONDS`, and
its return is logged once.

Two caches share the one Redis and differ only in what they do without it:

- `default` (cached pages, figures and every rate limit) keeps counting in the process's own
  memory. This is the rate-limit policy when Redis is unreachable: allauth's sign-in, sign-up,
  password-reset and email-code limits and Redflag's certificate look-up limit all keep holding,
  per process. Behind N app processes a client may get up to N times a limit during the outage;
  nobody is refused for want of Redis, and password guessing and code enumeration stay bounded.
  The memory is dropped when Redis answers again, so Redis's own counts resume.
- `sessions` falls back to nothing: a miss sends `redflag.sessions` to the database, where every
  session is kept. A per-process copy of a session could outlive a sign-out handled by another
  process.
"""

import logging
import secrets
import threading
import time
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

SESSIONS = "sessions"
SESSION_GENERATION_KEY = "redflag.sessions.generation"

BACKOFF_SECONDS = 5.0
REPEAT_WARNING_SECONDS = 60.0
# Redis answers in well under a millisecond; a host that does not answer within half a second is
# treated as gone rather than allowed to hold a request for the operating system's TCP timeout.
SOCKET_TIMEOUT_SECONDS = 0.5
# Rate-limit counters are one entry per client and window; Django's default of 300 would let a
# client that varies the email address it tries push its own counters out.
MEMORY_MAX_ENTRIES = 20_000


def redis_caches(url: str) -> dict:
    """The CACHES setting for Redis at `url`, as production and the outage tests use it."""
    options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": SOCKET_TIMEOUT_SECONDS,
        "SOCKET_TIMEOUT": SOCKET_TIMEOUT_SECONDS,
        # Calls this module does not route (django-redis extras) then degrade to a miss, not a 500.
        "IGNORE_EXCEPTIONS": True,
        "CONNECTION_POOL_KWARGS": {"redis_connect_func": start_session_generation},
    }
    backend = "redflag.cache.RedisCache"
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "redflag",
            "OPTIONS": {**options, "WITHOUT_REDIS": "memory"},
        },
        SESSIONS: {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "redflag",
            "OPTIONS": {**options, "WITHOUT_REDIS": "nothing"},
        },
    }


def start_session_generation(connection) -> None:
    """Open a Redis connection and start a new session generation on it.

    A process reaches Redis again after losing it, or after Redis restarted, only through a new
    connection. Copies of sessions cached before then may predate a sign-out the database has
    recorded meanwhile; `redflag.sessions` ignores copies from an earlier generation.
    """
    connection.on_connect()
    key = caches[SESSIONS].make_key(SESSION_GENERATION_KEY)
    connection.send_command("SET", key, new_session_generation())
    connection.read_response()


def new_session_generation() -> int:
    return secrets.randbits(62)


def _where(url: str) -> str:
    # Only host and port: a Redis URL may carry a password.
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


class Outage:
    """One process's view of whether Redis at one address answers, and its memory meanwhile."""

    def __init__(self, url: str):
        self.where = _where(url)
        self.clock = time.monotonic
        self.memory = LocMemCache(
            f"redflag.cache.memory:{url}", {"OPTIONS": {"MAX_ENTRIES": MEMORY_MAX_ENTRIES}}
        )
        self._lock = threading.Lock()
        self._since = None
        self._retry_at = 0.0
        self._failures = 0
        self._warned_at = 0.0

    def active(self) -> bool:
        """Whether calls should skip Redis for now."""
        return self._since is not None and self.clock() < self._retry_at

    def failed(self, error: BaseException | None) -> None:
        now = self.clock()
        with self._lock:
            self._retry_at = now + BACKOFF_SECONDS
            if self._since is None:
                self._since, self._failures, self._warned_at = now, 1, now
                logger.warning(
                    "Redis at %s is unreachable (%s). Serving without it; trying again in %g s.",
                    self.where,
                    error,
                    BACKOFF_SECONDS,
                )
                return
            self._failures += 1
            if now - self._warned_at < REPEAT_WARNING_SECONDS:
                return
            self._warned_at = now
            logger.warning(
                "Redis at %s is still unreachable after %.0f s (%d failed attempts; %s).",
                self.where,
                now - self._since,
                self._failures,
                error,
            )

    def answered(self) -> None:
        if self._since is None:
            return
        with self._lock:
            if self._since is None:
                return
            seconds = self.clock() - self._since
            self._since = None
            self.memory.clear()
        logger.info("Redis at %s answers again, after %.0f s.", self.where, seconds)


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(url: str) -> Outage:
    with _outages_lock:
        if url not in _outages:
            _outages[url] = Outage(url)
        return _outages[url]


def _redis_or_else(name):
    def call(self, *args, **kwargs):
        outage = self.outage
        if not outage.active():
            try:
                result = getattr(self.client, name)(*args, **kwargs)
            except ConnectionInterrupted as interrupted:
                outage.failed(interrupted.__cause__)
            except RedisError as error:
                # django-redis wraps only some errors, and only in some calls (not touch()); a
                # garbled answer (something else listening at the address) is a failure too.
                outage.failed(error)
            else:
                outage.answered()
                return result
        return getattr(self._without_redis, name)(*args, **kwargs)

    call.__name__ = name
    return call


class RedisCache(DjangoRedisCache):
    """django-redis, with each process getting by on its own while Redis does not answer.

    OPTIONS["WITHOUT_REDIS"] says how: "memory" keeps a per-process cache, "nothing" answers
    every read with a miss and drops every write.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self.outage = outage_for(server)
        if params.get("OPTIONS", {}).get("WITHOUT_REDIS") == "memory":
            self._without_redis = self.outage.memory
        else:
            self._without_redis = DummyCache(server, {})

    add = _redis_or_else("add")
    get = _redis_or_else("get")
    set = _redis_or_else("set")
    touch = _redis_or_else("touch")
    get_many = _redis_or_else("get_many")
    set_many = _redis_or_else("set_many")
    delete_many = _redis_or_else("delete_many")
    has_key = _redis_or_else("has_key")
    incr = _redis_or_else("incr")
    decr = _redis_or_else("decr")
    clear = _redis_or_else("clear")
    _delete = _redis_or_else("delete")

    def delete(self, key, version=None):
        # Redis answers with a count, Django's API with whether anything was deleted.
        return bool(self._delete(key, version=version))
