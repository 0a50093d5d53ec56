"""Sessions kept in the database and read through Redis: Django's cached_db, safe across outages.

The database holds every session, so nobody is signed out when Redis goes away or comes back:
while it is away, sessions are read from and written to the database alone.

What cached_db alone gets wrong is the copy left behind. A sign-out while Redis is unreachable
deletes the database row but not the copy cached before the outage; once Redis is back, that copy
would sign the old cookie in again. So every copy is cached together with the session generation
it was written under (one Redis key, read in the same round trip as the copy), and every new
connection to Redis starts a new generation (`redflag.cache.start_session_generation`). When Redis
stops or restarts, every process's connections end with it, so the first read after its return
runs on a new connection, after the generation has moved on: the old copy is ignored and the
session comes from the database. If Redis itself stays up and only some processes lose it (a
network fault, a stall), a process that kept its connection may read such a copy until one that
lost Redis reconnects, on its first request once Redis answers it again.
"""

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from redflag.cache import SESSION_GENERATION_KEY, new_session_generation


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "redflag.sessions:"

    def load(self):
        found = self._cache.get_many([self.cache_key, SESSION_GENERATION_KEY])
        generation = found.get(SESSION_GENERATION_KEY)
        cached = found.get(self.cache_key)
        if generation is not None and isinstance(cached, tuple) and cached[0] == generation:
            return cached[1]
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        self._remember(data, self.get_expiry_age(expiry=stored.expire_date), generation)
        return data

    def save(self, must_create=False):
        # The database first, as cached_db does; its own cache write is replaced by _remember.
        DBStore.save(self, must_create)
        self._remember(self._session, self.get_expiry_age())

    async def aload(self):
        return await sync_to_async(self.load)()

    async def asave(self, must_create=False):
        await sync_to_async(self.save)(must_create)

    def _remember(self, data, timeout, generation=None):
        if generation is None:
            generation = self._generation()
        if generation is not None:
            self._cache.set(self.cache_key, (generation, data), timeout)

    def _generation(self):
        generation = self._cache.get(SESSION_GENERATION_KEY)
        if generation is None and self._cache.add(
            SESSION_GENERATION_KEY, new_session_generation(), None
        ):
            # Missing after a flush or an eviction: any new value outdates every older copy.
            generation = self._cache.get(SESSION_GENERATION_KEY)
        return generation
