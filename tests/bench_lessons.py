"""Lesson page: render time and queries, for a short and a long lesson."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench import timed


def run(report):
    from courses.demo import seed_site
    from courses.models import CourseIndexPage, StakeholderGroup
    from tests.conftest import make_course, make_user

    home = seed_site()
    index = home.add_child(instance=CourseIndexPage(title="Courses", slug="bench-courses"))
    group = StakeholderGroup.objects.get(slug="hotel-lodging")
    learner = make_user("bench-learner@example.org", profile_group=group)
    client = Client()
    client.force_login(learner)
    for blocks in (3, 60):
        course = make_course(
            index, group, slug=f"bench-{blocks}", lessons=10, blocks_per_lesson=blocks
        )
        url = course.get_children().first().url
        client.get(url)  # the first visit records progress; measure the steady state
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)  # read now: the next request clears Django's query log
        median, p95 = timed(lambda url=url: client.get(url), repeat=50)
        report.row(
            f"lesson page render ({blocks} blocks)",
            f"{median:.1f} ms median, {p95:.1f} ms p95, {query_count} queries",
            "≤ 10 queries, constant",
            f"10 lessons, {blocks} blocks each, signed-in learner",
        )
