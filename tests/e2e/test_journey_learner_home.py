"""A learner's own home: a new sign-up lands on it with Start on their workplace's course, reads
a lesson, comes home to "Continue: lesson 2", finds the course's status in the catalogue, and
picks up where they left off with the keyboard."""

import re

import pytest

from courses.models import CoursePage, LessonCompletion, StakeholderGroup

from .journeys import LEARNER

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_a_new_learner_lands_home_starts_their_course_and_continues_from_home(
    width, page_at, shot, signup_and_verify, demo_site
):
    group = StakeholderGroup.objects.get(slug=LEARNER["group"])
    course = CoursePage.objects.live().filter(audience=group).first()
    lessons = course.lessons
    page = page_at(width)

    user = signup_and_verify(page, email=f"ana.{width}@example.org")
    # A new sign-up lands on their own home, with their workplace's course and Start.
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Welcome, {LEARNER['certificate_name']}")
    mine = page.get_by_role("region", name=f"Your course for {group.name}")
    expect(mine.get_by_role("heading", name=course.title)).to_be_visible()
    expect(mine.get_by_text("Not started")).to_be_visible()
    certificates = page.get_by_role("region", name="Your certificates")
    expect(certificates).to_contain_text("No certificates yet")
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    shot(page, "new-home-with-start")

    mine.get_by_role("link", name=re.compile(r"^Start")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    expect(page.get_by_text(f"Lesson 1 of {len(lessons)}")).to_be_visible()
    shot(page, "first-lesson")

    main_nav.get_by_role("link", name="Home").click()
    mine = page.get_by_role("region", name=f"Your course for {group.name}")
    expect(mine.get_by_text(f"1 of {len(lessons)} lessons", exact=True)).to_be_visible()
    expect(mine.get_by_role("progressbar", name=f"1 of {len(lessons)} lessons opened")
           ).to_have_attribute("value", "1")
    continue_link = mine.get_by_role("link", name=re.compile(r"^Continue: lesson 2"))
    expect(continue_link).to_have_attribute("href", lessons[1].url)
    expect(mine.get_by_text(lessons[1].title)).to_be_visible()
    shot(page, "home-continue-lesson-2")

    main_nav.get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    cards = page.locator(".card-grid > li")
    # Their workplace's course comes first, with how far they have read.
    expect(cards.first.get_by_role("link", name=course.title)).to_be_visible()
    expect(cards.first).to_contain_text("Your workplace")
    expect(cards.first).to_contain_text(f"1 of {len(lessons)} lessons")
    for other in CoursePage.objects.live().exclude(pk=course.pk):
        card = cards.filter(has=page.get_by_role("link", name=other.title, exact=True))
        expect(card).to_contain_text("Not started")
    shot(page, "catalogue-with-status")

    main_nav.get_by_role("link", name="Home").click()
    continue_link = page.get_by_role("link", name=re.compile(r"^Continue: lesson 2"))
    continue_link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
    expect(page.get_by_text(f"Lesson 2 of {len(lessons)}")).to_be_visible()
    shot(page, "second-lesson")
    opened = set(LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True))
    assert opened == {lessons[0].pk, lessons[1].pk}
