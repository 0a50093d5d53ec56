"""Wagtail's site for each request comes from the cache (redflag.sites), and a change to a site
or its home page shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from redflag.home.models import HomePage
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "wagtailcore_site" in q["sql"]]


def test_the_site_is_looked_up_once_and_then_read_from_the_cache(client, home, course_index):
    assert site_queries(client, "/")  # the first request looks the site up
    assert site_queries(client, "/") == []
    assert site_queries(client, course_index.url) == []


def test_a_published_home_page_shows_on_the_next_request(client, home):
    assert "Learn the red flags" in client.get("/").content.decode()
    page = HomePage.objects.get(pk=home.pk)
    page.headline = "Spot it, report it"
    page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Spot it, report it" in html and "Learn the red flags" not in html


def test_a_site_given_another_home_page_serves_it_at_once(client, home, course_index):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.root_page = course_index
    site.save()
    # The course index is now the site's home: its own URL path is "/".
    assert client.get("/").context["page"].pk == course_index.pk


def test_a_host_without_a_site_of_its_own_gets_the_default_site(client, home, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]
    Site.objects.create(hostname="other.example.org", port=80, root_page=home,
                        site_name="Other", is_default_site=False)
    first = client.get("/", HTTP_HOST="other.example.org")
    assert first.status_code == 200 and first.context["page"].pk == home.pk
    assert client.get("/").context["page"].pk == home.pk
