"""The admin's home page shows each role what it came for: trainers their drafts and the courses,
reviewers what awaits their review, coordinators the coverage figures; none of them the others'."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from outreach.models import InPersonSession, Organisation

from .conftest import make_user

pytestmark = pytest.mark.django_db

HOME = "/admin/"
DRAFTS, REVIEW, COVERAGE = "Your drafts and pages in review", "Awaiting your review", "Coverage"


def home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def add_draft_lesson(course, user, title):
    lesson = LessonPage(title=title, slug=re.sub(r"\W+", "-", title.lower()),
                        body=[("text", "<p>Draft.</p>")], live=False, owner=user)
    course.add_child(instance=lesson)
    lesson.save_revision(user=user)
    return lesson


def submit(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page.current_workflow_task_state


def panel(html, heading):
    """The panel under `heading`, up to the next panel."""
    start = html.index(f">{heading}<")
    end = html.find('class="w-panel ', start)
    return html[start:end if end != -1 else len(html)]


def test_a_trainer_sees_their_drafts_with_links_and_the_courses(client, trainer, course, lessons):
    draft = add_draft_lesson(course, trainer, "Lesson 4")
    edited = lessons[0]
    edited.save_revision(user=trainer)
    in_review = lessons[1]
    submit(in_review, trainer)
    colleague = make_user("colleague@example.org", group="Trainers")
    add_draft_lesson(course, colleague, "A colleague's lesson")

    html = home(client, trainer)
    drafts = panel(html, DRAFTS)
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[draft.pk])}">Lesson 4</a>' in drafts
    assert "Draft" in drafts and "in Course hotel" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[edited.pk]) in drafts
    assert "Live, with unpublished changes" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[in_review.pk]) in drafts
    assert "Awaiting review" in drafts
    assert "A colleague&#x27;s lesson" not in html and "A colleague's lesson" not in html
    # Lessons 2 and 3 have no draft of the trainer's: they are not listed.
    assert reverse("wagtailadmin_pages:edit", args=[lessons[2].pk]) not in drafts

    courses = panel(html, "Courses")
    assert reverse("wagtailadmin_explore", args=[course.pk]) in courses
    assert "Course hotel" in courses and "5 lessons" in courses  # drafts too: 3 live, 2 not

    # Not what reviewers and coordinators come for, nor Wagtail's panels these replace.
    assert REVIEW not in html and reverse("coverage:dashboard") not in html
    assert "Your most recent edits" not in html and "Your pages and snippets" not in html


def test_a_page_sent_back_says_changes_were_requested(client, trainer, reviewer, lessons):
    state = submit(lessons[0], trainer)
    state.task.specific.on_action(state, reviewer, "reject")
    assert "Changes requested" in panel(home(client, trainer), DRAFTS)


def test_a_reviewer_sees_what_awaits_review_with_links(client, trainer, reviewer, course,
                                                       lessons):
    live_lesson = lessons[0]
    live_state = submit(live_lesson, trainer)
    new_lesson = add_draft_lesson(course, trainer, "Lesson 4")
    new_state = submit(new_lesson, trainer)
    add_draft_lesson(course, trainer, "Not submitted yet")

    html = home(client, reviewer)
    review = panel(html, REVIEW)
    for lesson, state in ((live_lesson, live_state), (new_lesson, new_state)):
        assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in review
        preview = reverse("wagtailadmin_pages:workflow_preview", args=[lesson.pk, state.task_id])
        assert preview in review
    assert "by trainer@example.org" in review and "Lesson in Course hotel" in review
    # A live page's draft can be compared with what learners read now; a new one cannot.
    compare = reverse("wagtailadmin_pages:revisions_compare",
                      args=[live_lesson.pk, "live", live_state.revision_id])
    assert compare in review
    new_row = next(row for row in review.split("<tr>") if new_lesson.title in row)
    assert "/revisions/compare/" not in new_row
    # A draft never submitted is the trainer's own business, and the coverage is not reviewers'.
    assert "Not submitted yet" not in html
    assert reverse("coverage:dashboard") not in html
    # Reviewers write too: their own drafts and the courses are there.
    assert DRAFTS in html and ">Courses<" in html


def test_the_review_link_opens_the_page_with_the_approve_action(client, trainer, reviewer,
                                                                lessons):
    submit(lessons[0], trainer)
    review = panel(home(client, reviewer), REVIEW)
    edit_url = re.search(r'<a href="([^"]+)">Review', review).group(1)
    assert "Approve" in client.get(edit_url).content.decode()


def test_empty_panels_say_what_will_appear_there(client, reviewer, course):
    html = home(client, reviewer)
    assert "Nothing is waiting for your review." in panel(html, REVIEW)
    assert "You have no drafts." in panel(html, DRAFTS)


def test_with_no_course_the_courses_panel_offers_to_add_one(client, reviewer, course_index):
    courses = panel(home(client, reviewer), "Courses")
    assert "There are no courses yet." in courses
    assert reverse("wagtailadmin_pages:add",
                   args=("courses", "coursepage", course_index.pk)) in courses


@pytest.fixture
def trained(db, hotel_group):
    hotel = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                        county="Alameda", headcount=20)
    Organisation.objects.create(name="Quiet Motel", group=hotel_group, state="CA",
                                county="Contra Costa", headcount=8)
    InPersonSession.objects.create(date=timezone.localdate() - datetime.timedelta(days=10),
                                   place="Ballroom", group=hotel_group, organisation=hotel,
                                   state="CA", county="Alameda", attendees=12)


def test_a_coordinator_sees_the_coverage_dashboards_headline_figures(
        client, coordinator, trainer, course, lessons, trained):
    submit(lessons[0], trainer)
    html = home(client, coordinator)
    figures = panel(html, COVERAGE)
    assert re.search(r">12</span> people trained", figures)
    assert "0 online, 12 in person" in figures
    assert re.search(r">1</span> of 2 organisations reached", figures)
    assert "1 organisation not reached" in figures
    assert reverse("coverage:dashboard") in figures and reverse("coverage:not_reached") in figures
    # Coordinators edit no course content and approve nothing.
    assert DRAFTS not in html and REVIEW not in html and ">Courses<" not in html


def test_the_coverage_panel_reads_the_dashboards_cached_figures(client, coordinator, trained,
                                                                settings):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 600
    client.force_login(coordinator)
    dashboard = client.get(reverse("coverage:dashboard")).content.decode()
    assert "12 in person" in dashboard
    # Trained since: the dashboard still shows the figures it keeps, and so does the panel.
    InPersonSession.objects.create(date=timezone.localdate(), place="Lobby",
                                   group=Organisation.objects.first().group, attendees=5)
    assert "0 online, 12 in person" in panel(home(client, coordinator), COVERAGE)
    client.get(reverse("coverage:dashboard") + "?refresh=1")
    assert "0 online, 17 in person" in panel(home(client, coordinator), COVERAGE)


def test_no_coverage_yet_reads_as_such(client, coordinator, db):
    figures = panel(home(client, coordinator), COVERAGE)
    assert "No one has been trained in this period yet." in figures
    assert "Open the full dashboard" in figures


def test_a_superuser_sees_every_panel(client, course, lessons):
    admin = make_user("admin@example.org", is_superuser=True)
    html = home(client, admin)
    for heading in (REVIEW, DRAFTS, "Courses", COVERAGE):
        assert f">{heading}<" in html


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_home_page_costs_the_same_queries_however_much_there_is(
        client, trainer, reviewer, coordinator, course, lessons, trained, settings):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 600
    add_draft_lesson(course, trainer, "First draft")
    submit(lessons[0], trainer)
    counts = {}
    for user in (trainer, reviewer, coordinator):
        client.force_login(user)
        client.get(HOME)  # content types and the coverage figures are cached from here on
        counts[user.email] = queries(client, HOME)

    for number in range(2, 7):
        add_draft_lesson(course, trainer, f"Draft {number}")
    for lesson in (*lessons[1:], *LessonPage.objects.filter(live=False)[:3]):
        submit(lesson, trainer)
    for user in (trainer, reviewer, coordinator):
        client.force_login(user)
        client.get(HOME)
        assert queries(client, HOME) == counts[user.email], user.email
    client.force_login(reviewer)
    assert panel(client.get(HOME).content.decode(), REVIEW).count(">Review<") == 6


def test_the_courses_panel_marks_a_translation_with_its_language(client, trainer, course_index,
                                                                  course):
    from .test_translated_course import spanish

    for page in [course_index.get_parent(), course_index, course]:
        spanish(page)
    courses = panel(home(client, trainer), "Courses")
    assert "Course hotel" in courses and "[es] Course hotel" in courses
    assert courses.count('class="w-status w-status--label">Español</span>') == 1
