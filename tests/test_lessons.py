"""Reading lessons: progress, previous/next, and a query count that does not grow with content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonCompletion

from .conftest import make_course

pytestmark = pytest.mark.django_db


def test_a_signed_in_learners_visit_is_recorded_once(learner_client, learner, lessons):
    learner_client.get(lessons[0].url)
    learner_client.get(lessons[0].url)
    assert LessonCompletion.objects.filter(user=learner, lesson=lessons[0]).count() == 1


def test_an_anonymous_visit_records_nothing(client, lessons):
    assert client.get(lessons[0].url).status_code == 200
    assert not LessonCompletion.objects.exists()


def test_a_lesson_shows_previous_next_and_progress(learner_client, lessons):
    learner_client.get(lessons[0].url)
    html = learner_client.get(lessons[1].url).content.decode()
    assert "Lesson 2 of 3" in html
    assert "2 of 3 lessons opened" in html
    assert f'rel="prev" href="{lessons[0].url}"' in html
    assert f'rel="next" href="{lessons[2].url}"' in html


def test_the_last_lesson_leads_back_to_the_course(learner_client, course, lessons):
    html = learner_client.get(lessons[2].url).content.decode()
    assert 'rel="next"' not in html
    assert f'href="{course.url}"' in html


def test_a_learner_without_profile_is_asked_for_one_first(client, lessons, db):
    from .conftest import make_user

    user = make_user("new@example.org")
    client.force_login(user)
    response = client.get(lessons[0].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/profile/?next=")
    assert not LessonCompletion.objects.exists()


def _count_queries(client, url):
    client.get(url)  # the first visit writes progress; compare the steady state
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_lesson_page_query_count_does_not_grow_with_blocks_or_lessons(
    learner_client, course_index, hotel_group
):
    small = make_course(course_index, hotel_group, slug="small", lessons=3, blocks_per_lesson=3)
    large = make_course(course_index, hotel_group, slug="large", lessons=12, blocks_per_lesson=30)
    small_count = _count_queries(learner_client, small.get_children().first().url)
    large_count = _count_queries(learner_client, large.get_children().first().url)
    assert small_count == large_count
    assert large_count <= 10


def test_continue_on_the_course_page_leads_to_the_first_unopened_lesson(
    learner_client, course, lessons
):
    learner_client.get(lessons[0].url)
    html = learner_client.get(course.url).content.decode()
    assert f'<a class="button" href="{lessons[1].url}">Continue</a>' in html
