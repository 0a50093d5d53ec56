"""When the database cannot be reached, people get a clean 503 "back in a moment" (with
Retry-After), never a traceback or a 500; every other failure is still the 500 page."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection
from django.test import Client


@pytest.fixture
def database_away():
    """Point Django's connection at a database that is not there, as during a restart: a closed
    port on PostgreSQL, a folder that does not exist on SQLite.

    Closing the connection ends a test's transaction, so the tests using this one commit as they
    go (they write nothing: the first query fails). Like every such test in the suite they use
    serialized_rollback, so the flush after them leaves the next one the migrations' data.
    """
    settings = connection.settings_dict
    saved = {key: settings[key] for key in ("NAME", "PORT")}
    connection.close()
    if connection.vendor == "postgresql":
        settings["PORT"] = "1"
    else:
        settings["NAME"] = "/nonexistent-folder/redflag.sqlite3"
    cache.clear()  # the cached site would spare the first request its query
    yield
    connection.close()
    settings.update(saved)


def quiet_client(**headers):
    return Client(raise_request_exception=False, **headers)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_without_its_database_is_a_clean_503(database_away):
    response = quiet_client().get("/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "<h1>Back in a moment</h1>" in html
    assert "Nothing you saved is lost" in html and 'href="tel:911"' in html
    assert "Traceback" not in html and "OperationalError" not in html and "sqlite" not in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_503_page_is_in_the_readers_language(database_away):
    html = quiet_client(HTTP_ACCEPT_LANGUAGE="es").get("/").content.decode()
    assert '<html lang="es">' in html and "Volvemos en un momento" in html


@pytest.mark.django_db
def test_health_says_whether_the_database_answers(client):
    response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_health_without_the_database_is_503(database_away):
    response = quiet_client().get("/health/")
    assert response.status_code == 503 and response["Retry-After"] == "15"


@pytest.mark.django_db
@pytest.mark.parametrize("error", [ValueError("a bug"), IntegrityError("a bug in a write")])
def test_other_failures_stay_the_500_page(home, monkeypatch, error):
    def fail(request):
        raise error

    monkeypatch.setattr("redflag.sites.site_for_request", fail)
    response = quiet_client().get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_a_dropped_connection_inside_a_view_is_503(home, monkeypatch):
    """psycopg reports a connection the server closed mid-request as OperationalError, and Django
    wraps it; the handler looks through the chain of causes."""

    def fail(request):
        try:
            raise ConnectionResetError("server closed the connection unexpectedly")
        except ConnectionResetError as exc:
            raise OperationalError("server closed the connection unexpectedly") from exc

    monkeypatch.setattr("redflag.sites.site_for_request", fail)
    response = quiet_client().get("/")
    assert response.status_code == 503 and "Back in a moment" in response.content.decode()
