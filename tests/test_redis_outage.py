"""Redis going away: pages, sign-ins and rate limits keep working.

Each test starts a redis-server of its own on a free port, points the settings production uses
(`redflag.cache.redis_caches`) at it, and stops, pauses or restarts it. The clock that times
Redis back-off is replaced by one the test moves, so nothing depends on how fast the test runs.
"""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import time
import types
from contextlib import contextmanager

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from redflag.cache import BACKOFF_SECONDS, REPEAT_WARNING_SECONDS, SESSIONS, _outages, redis_caches
from redflag.sessions import SessionStore

from certificates import ratelimit
from certificates.services import issuing

from .conftest import PASSWORD


def real_clock_environment() -> dict:
    """The environment without libfaketime: when the suite runs under a shifted clock, Redis is
    the machine's service as in production, and a Redis under faketime stalls its own timers."""
    return {name: value for name, value in os.environ.items()
            if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}


class RedisServer:
    """A redis-server of the test's own, on a free port, that the test stops and starts."""

    def __init__(self, directory):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is not installed (make system-deps installs it)")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=5, socket_connect_timeout=5)

    def start(self):
        # No snapshots of its own; stop(keep_data=True) saves one, as Redis with persistence would.
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            env=real_clock_environment(),
        )
        for _ in range(200):
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def connections_received(self) -> int:
        return self.client().info("stats")["total_connections_received"]

    def stop(self, *, keep_data=False):
        self.client().shutdown(save=keep_data, nosave=not keep_data)
        self.process.wait(timeout=10)
        self.process = None

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process is not None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def redis_site(settings, redis_server, clock):
    """Redflag configured as in production with REDIS_URL pointing at the test's Redis."""
    settings.CACHES = redis_caches(redis_server.url)
    settings.SESSION_ENGINE = "redflag.sessions"
    settings.SESSION_CACHE_ALIAS = SESSIONS
    # A port an earlier test used must not hand this test that test's outage.
    _outages.pop(redis_server.url, None)
    caches["default"].outage.clock = clock
    return redis_server


@pytest.fixture
def certificate(learner, course):
    return issuing.issue_certificate(
        user=learner,
        course=course,
        score_percent=85,
        passed_at=timezone.now() - datetime.timedelta(days=10),
    )


@contextmanager
def stalled_request_fails_the_test(seconds=20):
    # A request that waits on a silent Redis would otherwise hang the suite instead of failing.
    def fail(signum, frame):
        raise AssertionError(f"a request waited more than {seconds} s on Redis")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def session_copy_in_redis(server, session_key) -> bool:
    key = caches[SESSIONS].make_key(SessionStore.cache_key_prefix + session_key)
    return bool(server.client().exists(key))


def signed_in(client) -> bool:
    return client.get("/my-training/").status_code == 200


# Pages -------------------------------------------------------------------------------------------


def test_every_page_answers_as_before_with_redis_stopped(
    client, redis_site, learner, course, lessons, certificate
):
    learner_client = Client()
    learner_client.force_login(learner)
    visits = [
        (client, "/", "Learn the red flags of human trafficking"),
        (client, course.url, course.title),
        (client, lessons[0].url, "Paragraph 0 of lesson 1."),
        (client, certificate.get_verify_path(), certificate.display_code),
        (client, "/accounts/login/", 'name="password"'),
        (learner_client, "/my-training/", certificate.display_code),
        (learner_client, lessons[1].url, "Paragraph 0 of lesson 2."),
    ]

    def answers():
        seen = []
        for visitor, path, text in visits:
            response = visitor.get(path)
            seen.append((path, response.status_code, text in response.content.decode()))
        return seen

    before = answers()
    assert all(status == 200 and found for _, status, found in before)
    redis_site.stop()
    assert answers() == before


def test_signing_in_works_with_redis_stopped_and_lasts_when_it_returns(
    client, redis_site, learner, clock
):
    redis_site.stop()
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)
    redis_site.start()
    clock.advance(BACKOFF_SECONDS)
    assert signed_in(client)


def test_a_signed_in_learner_stays_signed_in_while_redis_stops_and_returns(
    client, redis_site, learner, clock
):
    client.force_login(learner)
    assert signed_in(client)
    redis_site.stop()
    assert signed_in(client)
    redis_site.start()
    clock.advance(BACKOFF_SECONDS)
    assert signed_in(client)


def test_a_signed_in_page_reads_the_session_from_redis_not_the_database(
    client, redis_site, learner
):
    client.force_login(learner)
    client.get("/my-training/")
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(client)
    assert not [query for query in queries if "django_session" in query["sql"]]


def test_a_sign_out_while_redis_is_stopped_stays_a_sign_out_when_redis_returns(
    client, redis_site, learner, clock
):
    client.force_login(learner)
    assert signed_in(client)
    old_cookie = client.cookies["sessionid"].value
    assert session_copy_in_redis(redis_site, old_cookie)

    redis_site.stop(keep_data=True)
    assert client.post("/accounts/logout/").status_code == 302
    assert not signed_in(client)
    redis_site.start()
    clock.advance(BACKOFF_SECONDS)
    # Redis came back with the copy cached before the sign-out; the old cookie must not use it.
    assert session_copy_in_redis(redis_site, old_cookie)
    client.cookies["sessionid"] = old_cookie
    assert not signed_in(client)


# Rate limits: while Redis is away each process counts in its own memory -------------------------


def test_sign_in_stays_rate_limited_with_redis_stopped(client, redis_site, learner):
    redis_site.stop()
    for _ in range(5):
        client.post("/accounts/login/", {"login": learner.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in(client)


@pytest.fixture
def one_verification_window(monkeypatch):
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_000.0))


def test_verification_look_ups_stay_rate_limited_with_redis_stopped(
    client, redis_site, certificate, settings, one_verification_window
):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 3
    redis_site.stop()
    answers = [client.get(certificate.get_verify_path()).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get(certificate.get_verify_path(), REMOTE_ADDR="10.1.2.3").status_code == 200


def test_counts_kept_in_memory_during_an_outage_give_way_to_redis_when_it_returns(
    client, redis_site, certificate, settings, clock, one_verification_window
):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 2
    redis_site.stop()
    answers = [client.get(certificate.get_verify_path()).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    redis_site.start()
    clock.advance(BACKOFF_SECONDS)
    # The restarted Redis holds no count, and the memory's are dropped as Redis answers.
    assert client.get(certificate.get_verify_path()).status_code == 200


# Back-off and logging --------------------------------------------------------------------------


def warnings_from_the_cache(caplog):
    return [r for r in caplog.records if r.name == "redflag.cache" and r.levelname == "WARNING"]


def test_an_outage_logs_one_warning_and_leaves_redis_alone_for_a_few_seconds(
    client, redis_site, course, clock, caplog
):
    redis_site.stop()
    for _ in range(5):
        assert client.get(course.url).status_code == 200
    assert len(warnings_from_the_cache(caplog)) == 1
    assert "unreachable" in warnings_from_the_cache(caplog)[0].getMessage()

    redis_site.start()
    clock.advance(BACKOFF_SECONDS - 1)
    connections = redis_site.connections_received()
    client.get(course.url)
    assert redis_site.connections_received() == connections + 1  # the count's own

    clock.advance(1)
    client.get(course.url)
    assert redis_site.connections_received() > connections + 2
    assert any("answers again" in record.getMessage() for record in caplog.records)


def test_a_long_outage_repeats_its_warning_once_a_minute_not_once_a_request(
    client, redis_site, course, clock, caplog
):
    redis_site.stop()
    for _ in range(int(REPEAT_WARNING_SECONDS / BACKOFF_SECONDS) * 2):
        for _ in range(3):
            client.get(course.url)
        clock.advance(BACKOFF_SECONDS)
    messages = [record.getMessage() for record in warnings_from_the_cache(caplog)]
    assert len(messages) == 2
    assert "still unreachable after 60 s" in messages[1]


def test_a_redis_that_stops_answering_delays_only_the_first_page_and_briefly(
    client, redis_site, course
):
    client.get(course.url)
    redis_site.pause()
    outage = caches["default"].outage
    with stalled_request_fails_the_test():
        assert client.get(course.url).status_code == 200
        assert outage.active()
        for _ in range(3):
            assert client.get(course.url).status_code == 200
    redis_site.resume()
