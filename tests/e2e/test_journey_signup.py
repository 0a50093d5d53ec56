"""A learner's first visit (pick a workplace, sign up, verify the email, tell their workplace, read
two lessons), the sign-up steps' mistakes, and a returning learner signing in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from redflag.accounts.models import LearnerProfile

from courses.models import CoursePage, LessonCompletion, StakeholderGroup
from tests.conftest import PASSWORD as LEARNER_PASSWORD

from .journeys import (
    LEARNER,
    PASSWORD,
    PASSWORD_LABEL,
    fill_profile_form,
    fill_signup_form,
    verification_code,
)

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def progress(page, opened, total):
    """The course progress bar, found by the text it is labelled with."""
    bar = page.get_by_role("progressbar", name=f"{opened} of {total} lessons opened")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", str(opened))
    expect(bar).to_have_attribute("max", str(total))
    return bar


def test_a_new_learner_signs_up_verifies_the_email_and_reads_lessons(
    width, page_at, shot, signup_and_verify, demo_site
):
    group = StakeholderGroup.objects.get(slug=LEARNER["group"])
    course = CoursePage.objects.live().filter(audience=group).first()
    lessons = course.lessons
    other_courses = CoursePage.objects.live().exclude(audience=group)
    email = f"rosa.{width}@example.org"
    page = page_at(width)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_site.headline)
    expect(page.get_by_role("heading", name="Pick your workplace")).to_be_visible()
    shot(page, "home")

    page.get_by_role("link", name=group.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/courses/\?group={group.slug}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    filters = page.get_by_role("navigation", name="Filter by workplace")
    expect(filters.get_by_role("link", name=group.name)).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name=course.title)).to_be_visible()
    for other in other_courses:
        expect(page.get_by_role("link", name=other.title)).to_have_count(0)
    shot(page, "courses-for-my-workplace")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    user = signup_and_verify(page, email=email, shot=shot)

    # Signed in on their home, with the email verified and the profile as typed.
    expect(page).to_have_url(re.compile(r"/home/$"))
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Profile")).to_be_visible()
    expect(main_nav.get_by_role("link", name="Sign up")).to_have_count(0)
    shot(page, "signed-in")
    assert [message.to for message in mail.outbox] == [[email]]
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == (email, True, True)
    profile = LearnerProfile.objects.get(user=user)
    assert {
        "certificate_name": profile.certificate_name,
        "group": profile.group.slug,
        "employer": profile.employer,
        "job_role": profile.job_role,
        "state": profile.state,
        "county": profile.county,
        "zip_code": profile.zip_code,
        "language": profile.language,
    } == LEARNER

    main_nav.get_by_role("link", name="Courses").click()
    page.get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    progress(page, 0, len(lessons))
    shot(page, "course")

    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    expect(page.get_by_text(f"Lesson 1 of {len(lessons)}")).to_be_visible()
    progress(page, 1, len(lessons))
    shot(page, "first-lesson")

    pager = page.get_by_role("navigation", name="Lessons")
    pager.get_by_role("link", name=lessons[1].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
    expect(page.get_by_text(f"Lesson 2 of {len(lessons)}")).to_be_visible()
    progress(page, 2, len(lessons))
    shot(page, "second-lesson")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    progress(page, 2, len(lessons))
    for number, lesson in enumerate(lessons):
        item = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=lesson.title))
        if number < 2:
            expect(item).to_contain_text("opened")
        else:
            expect(item).not_to_contain_text("opened")
    expect(page.get_by_role("link", name="Continue")).to_be_visible()
    shot(page, "course-with-progress")
    opened = set(LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True))
    assert opened == {lessons[0].pk, lessons[1].pk}


def field(page, label):
    """The form field around the control labelled ``label``: its label, help, input and errors."""
    return page.locator(".field").filter(has=page.get_by_label(label))


def test_sign_up_mistakes_are_shown_beside_their_fields_and_typed_values_are_kept(
    width, page_at, shot, demo_site
):
    email = f"sam.{width}@example.org"
    typed = {**LEARNER, "certificate_name": "", "zip_code": "ABCDE", "job_role": "Line technician"}
    page = page_at(width)

    page.goto("/accounts/signup/")
    # The password rules are read out with the password field, before the learner gets them wrong.
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_accessible_description(
        re.compile("at least 8 characters")
    )
    fill_signup_form(page, email=email, password=PASSWORD, profile=typed)
    shot(page, "filled-with-mistakes")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("sign up", re.I))
    name = page.get_by_label("Name on certificate")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(field(page, "Name on certificate").get_by_role("alert")).to_have_text(
        re.compile("required|enter your name", re.I)
    )
    # The summary at the top links to the field in error.
    summary = page.locator("#error-summary")
    expect(summary).to_have_attribute("role", "alert")
    summary.get_by_role("link", name=re.compile("^Name on certificate")).click()
    expect(name).to_be_focused()
    expect(page.get_by_label("Email")).to_have_value(email)
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_value(PASSWORD)  # kept, not retyped
    shot(page, "errors-beside-fields")

    # A name too long for a certificate: the browser stops typing at the limit, and the server
    # refuses one that gets past it (an old browser, a pasted form) with a message by the field.
    long_name = "Maria " * 83 + "Li"
    assert len(long_name) == 500
    name.fill(long_name)
    expect(name).to_have_value(long_name[:120])
    name.evaluate("element => element.removeAttribute('maxlength')")
    name.fill(long_name)
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()

    expect(field(page, "Name on certificate").get_by_role("alert")).to_contain_text(
        "at most 120 characters"
    )
    expect(page.get_by_label("Name on certificate")).to_have_value(long_name)
    shot(page, "name-too-long")
    assert not get_user_model().objects.filter(email=email).exists()
    assert mail.outbox == []

    # Corrected, the same form signs the learner up.
    page.get_by_label("Name on certificate").fill("Sam Okafor")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("verification code", re.I))
    page.get_by_label("Code").fill(verification_code(email))
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()

    # The workplace step: the county list holds the chosen state's counties only.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workplace")
    county = page.get_by_label("County")
    page.get_by_label("State").select_option("NV")
    expect(county.locator("optgroup")).to_have_count(1)
    expect(county.locator("optgroup")).to_have_attribute("label", "Nevada")
    expect(county.locator("option", has_text="Clark")).to_have_count(1)
    fill_profile_form(page, profile=typed)
    expect(county.locator("optgroup")).to_have_attribute("label", "California")
    expect(county.locator("option", has_text="Clark")).to_have_count(0)
    shot(page, "workplace-with-mistakes")
    page.get_by_role("button", name="Continue to my course").click()

    zip_code = page.get_by_label("ZIP code")
    expect(zip_code).to_have_attribute("aria-invalid", "true")
    zip_error = "Enter a US ZIP code: five digits, or five digits, a dash and four."
    expect(field(page, "ZIP code").get_by_role("alert")).to_have_text(zip_error)
    # A screen reader reads the error with the field, not only somewhere on the page.
    expect(zip_code).to_have_accessible_description(re.compile(re.escape(zip_error)))
    expect(page.locator("#error-summary").get_by_role("link")).to_have_text(
        [f"ZIP code: {zip_error}"])
    expect(field(page, "County").get_by_role("alert")).to_have_count(0)
    expect(zip_code).to_have_value("ABCDE")
    expect(page.get_by_label("Employer or organisation")).to_have_value(LEARNER["employer"])
    expect(page.get_by_label("Job role")).to_have_value("Line technician")
    expect(county).to_have_value(LEARNER["county"])
    expect(page.get_by_label("State")).to_have_value(LEARNER["state"])
    expect(page.get_by_label("Workplace type").locator("option:checked")).to_have_text(
        StakeholderGroup.objects.get(slug=LEARNER["group"]).name
    )
    shot(page, "workplace-errors")

    zip_code.fill("94607")
    page.get_by_role("button", name="Continue to my course").click()
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    shot(page, "corrected-and-signed-in")
    profile = LearnerProfile.objects.get(user__email=email)
    assert (profile.certificate_name, profile.zip_code, profile.job_role, profile.county) == (
        "Sam Okafor", "94607", "Line technician", "Alameda"
    )


def test_a_returning_learner_signs_in_and_finds_the_progress_they_left(
    width, page_at, shot, sign_in, demo_site, learner
):
    course = CoursePage.objects.live().filter(audience=learner.learner_profile.group).first()
    lessons = course.lessons
    LessonCompletion.objects.create(user=learner, lesson=lessons[0])
    page = page_at(width)

    sign_in(page, learner.email, LEARNER_PASSWORD)
    shot(page, "signed-in")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    progress(page, 1, len(lessons))
    first = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=lessons[0].title))
    expect(first).to_contain_text("opened")
    expect(page.get_by_role("link", name="Continue")).to_be_visible()
    shot(page, "course-progress-kept")
