"""Reading lessons: progress, previous/next, and a query count that does not grow with content."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redflag.home.models import TaskForceSettings
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import rich_text

from courses.models import LessonCompletion, LessonPage

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
    # The session, the user with their staff status, and which of the course's lessons the
    # learner has opened: the lesson's place in the tree comes from the cache (courses.places).
    assert large_count == 3


def test_a_cold_lesson_page_reads_its_place_in_three_more_queries(learner_client, lessons):
    from courses import places

    learner_client.get(lessons[0].url)
    places.forget()
    with CaptureQueriesContext(connection) as queries:
        assert learner_client.get(lessons[0].url).status_code == 200
    # The lesson, its view restrictions, the course with its lessons in order.
    assert len(queries) == 6


def test_an_editors_change_to_the_course_is_shown_on_the_next_lesson_view(
    learner_client, course, lessons
):
    assert "Lesson 2 of 3" in learner_client.get(lessons[1].url).content.decode()
    renamed = LessonPage.objects.get(pk=lessons[2].pk)
    renamed.title = "Whom to call, renamed"
    renamed.save_revision().publish()
    html = learner_client.get(lessons[1].url).content.decode()
    assert "Whom to call, renamed →" in html

    LessonPage.objects.get(pk=lessons[0].pk).unpublish()
    html = learner_client.get(lessons[1].url).content.decode()
    assert "Lesson 1 of 2" in html and 'rel="prev"' not in html
    assert learner_client.get(lessons[0].url).status_code == 404

    moved = LessonPage.objects.get(pk=lessons[2].pk)
    moved.move(LessonPage.objects.get(pk=lessons[1].pk), pos="left")
    assert "Lesson 2 of 2" in learner_client.get(lessons[1].url).content.decode()


def test_a_view_restriction_added_after_a_visit_holds_at_once(learner_client, course, lessons):
    assert learner_client.get(lessons[0].url).status_code == 200  # its place is now cached
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Coordinators"))
    assert learner_client.get(lessons[0].url).status_code == 302
    restriction.delete()
    assert learner_client.get(lessons[0].url).status_code == 200


def test_continue_on_the_course_page_leads_to_the_first_unopened_lesson(
    learner_client, course, lessons
):
    learner_client.get(lessons[0].url)
    html = learner_client.get(course.url).content.decode()
    assert f'<a class="button" href="{lessons[1].url}">Continue</a>' in html


def test_a_new_revision_of_a_lesson_is_shown_at_once(learner_client, lessons):
    lesson = lessons[0]
    assert "Paragraph 0 of lesson 1." in learner_client.get(lesson.url).content.decode()
    lesson.body = [("text", "<p>Rewritten after review.</p>")]
    lesson.save_revision().publish()
    html = learner_client.get(lesson.url).content.decode()
    assert "Rewritten after review." in html
    assert "Paragraph 0 of lesson 1." not in html


def test_a_drafts_preview_is_never_kept_as_the_lessons_body(learner_client, lessons):
    lesson = LessonPage.objects.get(pk=lessons[0].pk)
    learner_client.get(lesson.url)  # the live body is now cached
    lesson.body = [("text", "<p>Draft only.</p>")]
    lesson.save_revision()  # saved, not published
    assert "Draft only." not in learner_client.get(lesson.url).content.decode()


def test_the_lesson_body_follows_the_language_and_the_task_force_contact(
    learner_client, learner, course, home
):
    lesson = LessonPage(title="Calls", slug="calls", body=[
        ("scenario", {"title": "At the desk", "situation": "A guest waits.",
                      "question": "What now?", "debrief": "Report it."}),
        ("report", {"heading": "How to report", "note": ""}),
    ])
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    contact = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    contact.local_contact_name, contact.local_contact_phone = "County tip line", "555-0100"
    contact.save()
    assert "555-0100" in learner_client.get(lesson.url).content.decode()

    contact.local_contact_phone = "555-0199"
    contact.save()
    html = learner_client.get(lesson.url).content.decode()
    assert "555-0199" in html and "555-0100" not in html

    learner.learner_profile.language = "es"
    learner.learner_profile.save()
    learner_client.cookies["django_language"] = "es"
    html = learner_client.get(lesson.url).content.decode()
    assert "Análisis" in html and "Debrief" not in html
    learner_client.cookies["django_language"] = "en"
    html = learner_client.get(lesson.url).content.decode()
    assert "Debrief" in html and "Análisis" not in html


@pytest.mark.parametrize("restricted", ["course", "index"])
def test_a_view_restriction_above_a_lesson_still_holds(client, learner_client, course, lessons,
                                                       course_index, restricted):
    page = course if restricted == "course" else course_index
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Coordinators"))
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    # The same restrictions as Wagtail's own two-query check finds.
    assert list(lesson.get_view_restrictions()) == list(
        Page.get_view_restrictions(lesson)) == [restriction]
    for visitor in (client, learner_client):
        response = visitor.get(lesson.url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()


def test_a_password_restriction_on_a_course_asks_for_the_password(learner_client, course, lessons):
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    html = learner_client.get(lessons[0].url).content.decode()
    assert "Paragraph 0 of lesson 1." not in html
    assert 'name="password"' in html


def lesson_form(title, slug):
    return {
        "title": title, "slug": slug, "summary": "",
        "body-count": 1, "body-0-type": "text", "body-0-deleted": "", "body-0-order": 0,
        "body-0-id": "", "body-0-value": rich_text("<p>Still a draft.</p>"),
        "comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0, "comments-MAX_NUM_FORMS": 1000,
    }


def preview(client, url, form):
    assert client.post(url, form).json()["is_valid"]
    return client.get(url).content.decode()


def test_a_draft_lessons_preview_counts_it_where_it_will_stand(client, trainer, course, lessons):
    """A fourth lesson saved as a draft previews as "Lesson 4 of 4", after the live third."""
    client.force_login(trainer)
    draft = LessonPage(title="Lesson 4", slug="lesson-4", body=[("text", "<p>Draft.</p>")],
                       live=False)
    course.add_child(instance=draft)
    draft.save_revision(user=trainer)
    html = preview(client, reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
                   lesson_form("Lesson 4", "lesson-4"))
    assert "Lesson 4 of 4" in html and "Still a draft." in html
    assert 'rel="prev"' in html and "Lesson 3" in html and 'rel="next"' not in html

    # Learners still read three lessons: the draft is not among them.
    assert "Lesson 3 of 3" in Client().get(lessons[2].url).content.decode()


def test_a_new_lessons_preview_counts_it_after_the_others(client, trainer, course, lessons):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:preview_on_add",
                  args=("courses", "lessonpage", course.pk))
    html = preview(client, url, lesson_form("A new lesson", "a-new-lesson"))
    assert "Lesson 4 of 4" in html and "A new lesson" in html


def test_a_published_lessons_preview_keeps_its_place(client, trainer, lessons):
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lessons[1].pk])
    html = preview(client, url, lesson_form("Lesson 2, revised", "lesson-2"))
    assert "Lesson 2 of 3" in html and "Lesson 2, revised" in html
