"""A learner earns a certificate (opens every lesson, fails the quiz, reviews, passes, downloads the
PDF, checks the code in public), and a coordinator revokes it and downloads the registry in bulk."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from certificates.models import Certificate
from certificates.services import issuing, rendering
from courses.models import CoursePage, StakeholderGroup
from quizzes.demo import seed_quizzes
from quizzes.models import Attempt
from tests.conftest import PASSWORD as USER_PASSWORD
from tests.conftest import TOTP_SECRET, make_user

from .journeys import answer_demo_quiz

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
pypdf = pytest.importorskip("pypdf")

COURSE = "hotel-staff"  # the demo hotel course: courses/demo_courses/2-hotel-staff.toml
GROUP = "hotel-lodging"


@pytest.fixture
def hotel_course(demo_site):
    courses = list(CoursePage.objects.live().order_by("path"))
    seed_quizzes(courses)
    return CoursePage.objects.get(slug=COURSE)


def pdf_text(data):
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def squashed(text):
    return " ".join(text.split())


def test_a_new_learner_fails_the_quiz_reviews_passes_and_checks_the_certificate(
    width, page_at, shot, signup_and_verify, hotel_course
):
    lessons = hotel_course.lessons
    name = f"Rosa María Delgado {width.title()}"
    email = f"rosa.quiz.{width}@example.org"
    page = page_at(width)

    user = signup_and_verify(
        page, email=email, profile={"group": GROUP, "certificate_name": name}
    )

    # The quiz waits until every lesson has been opened.
    page.goto(hotel_course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(hotel_course.title)
    page.get_by_role("link", name="Go to the quiz").click()
    expect(page.get_by_role("heading", name="Open every lesson first")).to_be_visible()
    expect(page.get_by_role("button", name="Start the quiz")).to_have_count(0)
    for lesson in lessons:
        expect(page.get_by_role("listitem").get_by_role("link", name=lesson.title)).to_be_visible()
    shot(page, "quiz-waits-for-lessons")

    page.goto(hotel_course.url)
    page.get_by_role("link", name="Start the course").click()
    for number, lesson in enumerate(lessons, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(page.get_by_text(f"Lesson {number} of {len(lessons)}")).to_be_visible()
        if number < len(lessons):
            pager = page.get_by_role("navigation", name="Lessons")
            pager.get_by_role("link", name=lessons[number].title).click()
    shot(page, "last-lesson")
    page.get_by_role("link", name=re.compile("Take the quiz")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quiz: {hotel_course.title}")
    expect(page.get_by_text("You have 3 attempts left in this period.")).to_be_visible()
    shot(page, "quiz-ready")
    page.get_by_role("button", name="Start the quiz").click()

    # First attempt: every answer wrong.
    expect(page.get_by_text("8 questions · pass mark 80%")).to_be_visible()
    expect(page.get_by_role("group")).to_have_count(8)
    shot(page, "first-attempt")
    asked = answer_demo_quiz(page, COURSE, correctly=False)

    expect(page.get_by_role("heading", level=1)).to_have_text("Not passed this time")
    expect(page.get_by_text("You answered 0 of 8 questions correctly: 0%.")).to_be_visible()
    expect(page.get_by_role("heading", name="What to review")).to_be_visible()
    review = page.locator(".quiz-review-list > li")
    expect(review).to_have_count(8)
    for question in asked:
        expect(review.filter(has_text=question["text"]).first).to_be_visible()
    # The correct answers stay hidden while attempts are left: the review points to the lessons.
    expect(page.get_by_text("Correct answer", exact=True)).to_have_count(0)
    expect(page.get_by_text("2 attempts left in this period.", exact=False)).to_be_visible()
    shot(page, "not-passed")
    first_missed = asked[0]
    lesson = next(lesson for lesson in lessons if lesson.slug == first_missed["lesson"])
    review_link = page.get_by_role("link", name=f"Review the lesson: {lesson.title}").first
    expect(review_link).to_have_attribute("href", re.compile(re.escape(lesson.url)))
    review_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    shot(page, "review-lesson")
    page.go_back()

    expect(page.get_by_role("heading", level=1)).to_have_text("Not passed this time")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    shot(page, "second-attempt")
    answer_demo_quiz(page, COURSE, correctly=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.get_by_text("You answered 8 of 8 questions correctly: 100%.")).to_be_visible()
    expect(page.get_by_role("heading", name="Course complete")).to_be_visible()
    expect(page.get_by_text(f"You have completed “{hotel_course.title}”.")).to_be_visible()
    shot(page, "passed")
    attempts = Attempt.objects.filter(user=user).order_by("started_at")
    assert [(a.score_percent, a.passed) for a in attempts] == [(0, False), (100, True)]
    certificate = Certificate.objects.get(user=user)
    assert (certificate.learner_name, certificate.course_title) == (name, hotel_course.title)

    # My training lists the certificate; its PDF carries the learner's name and code.
    page.get_by_role("link", name="See your certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")
    card = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=hotel_course.title)
    )
    expect(card).to_contain_text("Current")
    expect(card).to_contain_text(certificate.display_code)
    expect(card).to_contain_text(date_format(certificate.issued_on, "DATE_FORMAT"))
    shot(page, "my-training")
    with page.expect_download() as download_info:
        card.get_by_role("link", name=re.compile("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename == rendering.pdf_filename(certificate)
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = squashed(pdf_text(data))
    assert name in text
    assert certificate.display_code in text

    # Anyone with the code sees it is genuine: the name and course, valid.
    page.goto(certificate.get_verify_path())
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("Valid")
    expect(verdict).to_contain_text(
        f"current until {date_format(certificate.expires_on, 'DATE_FORMAT')}"
    )
    facts = page.locator("dl.verify-facts")
    expect(facts).to_contain_text(name)
    expect(facts).to_contain_text(hotel_course.title)
    expect(facts).to_contain_text(certificate.display_code)
    shot(page, "verified-valid")


def issue(email, name, course):
    learner = make_user(email, profile_group=StakeholderGroup.objects.get(slug=GROUP))
    learner.learner_profile.certificate_name = name
    learner.learner_profile.save()
    return issuing.issue_certificate(
        user=learner, course=course, score_percent=90, passed_at=timezone.now()
    )


def test_a_coordinator_revokes_a_certificate_and_downloads_the_registry_as_a_zip(
    page_at, shot, sign_in, hotel_course
):
    revoked = issue("ana.rivera@example.org", "Ana Rivera", hotel_course)
    kept = issue("omar.haddad@example.org", "Omar Haddad", hotel_course)
    coordinator = make_user("cora@example.org", group="Coordinators")
    reason = "Issued to the wrong person: the quiz was taken on a shared account."
    page = page_at("desktop")

    sign_in(page, coordinator.email, USER_PASSWORD, totp_secret=TOTP_SECRET)
    page.goto("/admin/")
    page.get_by_role("link", name="Certificates", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certificates")
    row = page.get_by_role("row").filter(has_text="Ana Rivera")
    expect(row).to_contain_text(hotel_course.title)
    expect(row).to_contain_text("Valid")
    expect(page.get_by_role("row").filter(has_text="Omar Haddad")).to_be_visible()
    shot(page, "registry")

    row.get_by_role("button", name=re.compile("^More options for")).click()
    row.get_by_role("link", name="Revoke", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Revoke certificate")
    expect(page.locator("main")).to_contain_text(revoked.display_code)
    page.get_by_label("Reason").fill(reason)
    shot(page, "revoke-form")
    page.get_by_role("button", name="Revoke certificate").click()
    expect(page.get_by_text("Certificate revoked.")).to_be_visible()
    shot(page, "revoked")
    revoked.refresh_from_db()
    assert (revoked.revoked_by, revoked.revoked_reason) == (coordinator, reason)

    page.goto(revoked.get_verify_path())
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("Revoked")
    revoked_on = date_format(timezone.localdate(revoked.revoked_at), "DATE_FORMAT")
    expect(verdict).to_contain_text(f"This certificate was revoked on {revoked_on}")
    # A withdrawn certificate vouches for no one: the code, not the learner's name.
    expect(page.locator("dl.verify-facts")).to_contain_text(revoked.display_code)
    expect(page.locator("main")).not_to_contain_text("Ana Rivera")
    shot(page, "verified-revoked")

    # The whole registry as one ZIP: a PDF per certificate and the roster.
    page.goto("/admin/certificates/")
    page.get_by_role("link", name="Download these 2 certificates as ZIP + roster").click()
    expect(page.get_by_text("2 certificates match the registry filter")).to_be_visible()
    page.get_by_role("button", name="Build the ZIP").click()
    # Many people's certificates: the password once more, then the ZIP is built as asked.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm Access")
    shot(page, "bulk-password-again")
    page.get_by_label(re.compile("^Password")).fill(USER_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("2 certificates and the roster are ready.")).to_be_visible()
    shot(page, "bulk-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download ZIP").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    names = set(archive.namelist())
    # The revoked certificate is in the roster only: its PDF would still look valid printed.
    pdfs = {rendering.pdf_filename(kept)}
    assert names == pdfs | {"roster.csv"}
    for pdf in pdfs:
        assert archive.read(pdf).startswith(b"%PDF")
    roster = csv.DictReader(io.StringIO(archive.read("roster.csv").decode("utf-8-sig")))
    by_name = {row["Name"]: row for row in roster}
    assert set(by_name) == {"Ana Rivera", "Omar Haddad"}
    assert (by_name["Ana Rivera"]["Status"], by_name["Ana Rivera"]["Verification code"]) == (
        "Revoked", revoked.display_code)
    assert (by_name["Omar Haddad"]["Status"], by_name["Omar Haddad"]["Verification code"]) == (
        "Valid", kept.display_code)
