"""Lesson page: render time and queries for a short and a long lesson, and its cost against a bare
Django view measured in the same process and run (so the ratio holds whatever the machine)."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from tests.bench import paired, timed

LESSON_RATIO_TARGET = 2.0

BARE_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang=\"en\"><title>Rows</title><ul>"
    "{% for row in rows %}<li>{{ row.username }} · {{ row.email }}</li>{% endfor %}</ul></html>"
)


def bare_view(request):
    """The yardstick: a signed-in request to a plain view that renders a template over 20 rows."""
    rows = get_user_model().objects.order_by("pk")[:20]
    return HttpResponse(BARE_TEMPLATE.render({"rows": rows}, request))


urlpatterns = [path("bench-bare/", bare_view), path("", include("redflag.urls"))]


def run(report):
    from courses.demo import seed_site
    from courses.models import CourseIndexPage, StakeholderGroup
    from tests.conftest import make_course, make_user

    home = seed_site()
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="bench-courses"))
    group = StakeholderGroup.objects.get(slug="hotel-lodging")
    learner = make_user("bench-learner@example.org", profile_group=group)
    for number in range(20):
        make_user(f"bench-row-{number}@example.org")
    client = Client()
    client.force_login(learner)
    urls = {}
    with override_settings(ROOT_URLCONF=__name__):
        for blocks in (3, 60):
            course = make_course(
                index, group, slug=f"bench-{blocks}", lessons=10, blocks_per_lesson=blocks
            )
            url = course.get_children().first().url
            client.get(url)  # the first visit records progress; measure the steady state
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            query_count = len(queries)  # read now: the next request clears Django's query log
            median, p95 = timed(lambda url=url: client.get(url), repeat=100)
            urls[blocks] = url
            report.row(
                f"lesson page render ({blocks} blocks)",
                f"{median:.1f} ms median, {p95:.1f} ms p95, {query_count} queries",
                "≤ 3 queries, constant",
                f"10 lessons, {blocks} blocks each, signed-in learner",
            )
        assert client.get("/bench-bare/").status_code == 200
        lesson, bare = paired(lambda: client.get(urls[3]), lambda: client.get("/bench-bare/"),
                              repeat=100, warmup=3)
    report.row(
        "lesson page against a bare view",
        f"{lesson / bare:.2f}× ({lesson:.2f} ms against {bare:.2f} ms), interleaved",
        f"≤ {LESSON_RATIO_TARGET:.0f}×",
        "3-block lesson; bare view: signed-in, a template over 20 rows",
    )
