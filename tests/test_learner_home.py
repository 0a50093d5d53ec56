"""A learner's home after signing in, where each kind of person lands, and each course's status
in the catalogue: what a learner sees of their own training, and never of anyone else's."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from redflag.accounts.models import LearnerProfile
from redflag.home.learner import home_for

from certificates.models import EXPIRY_WARNING_DAYS, Certificate
from courses.models import LessonCompletion, LessonPage, StakeholderGroup
from outreach.models import Organisation, OrganisationManager
from quizzes import services as quiz_services
from quizzes.testing import answers_post, make_quiz, open_all_lessons
from tests.conftest import (
    PASSWORD,
    certificates_written,
    make_course,
    make_user,
    sign_in,
    totp_code,
)

pytestmark = pytest.mark.django_db

# A fixed day for what the services decide from a date; pages decide from the day they are asked
# on, so the page tests date their records from that day.
TODAY = datetime.date(2026, 6, 15)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def section(page, heading_id):
    """The HTML of one section of the home, found by its heading's id."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


def pass_course(user, course, quiz, *, now=None):
    """Opens every lesson and passes the quiz, as a learner does: a completion and a certificate."""
    now = now or timezone.now() - datetime.timedelta(days=10)
    open_all_lessons(user, course)
    attempt, _created = quiz_services.start_attempt(user, quiz, now=now)
    quiz_services.submit_attempt(user, attempt.public_id, answers_post(attempt), now=now)
    return Certificate.objects.get(user=user, course=course)


@pytest.fixture
def utility_group(db):
    return StakeholderGroup.objects.get(slug="utility-workers")


@pytest.fixture
def quiz(course, lessons):
    return make_quiz(course)


# Where people land -----------------------------------------------------------------------------


def test_a_new_sign_up_lands_on_their_home_with_start_on_their_workplaces_course(
    client, course, lessons, course_index, utility_group, hotel_group
):
    utility = make_course(course_index, utility_group, slug="utility")
    client.post("/accounts/signup/", {
        "email": "rosa@example.org", "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase", "certificate_name": "Rosa Diaz",
    })
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mail.outbox[0].body,
                     re.MULTILINE).group(1)
    response = client.post("/accounts/confirm-email/", {"code": code})
    # The workplace step comes first, then the home.
    assert response["Location"] == "/accounts/profile/?next=%2Fhome%2F"
    assert 'value="Rosa Diaz"' in html_of(client.get(response["Location"]))
    response = client.post(response["Location"], {
        "certificate_name": "Rosa Diaz", "group": hotel_group.pk, "state": "CA",
        "county": "Alameda", "language": "en", "next": "/home/",
    })
    assert response["Location"] == "/home/"

    page = html_of(client.get("/home/"))
    assert "Welcome, Rosa Diaz" in page
    mine = section(page, "my-courses-title")
    assert "Your course for Hotel and lodging staff" in mine
    assert course.title in mine and utility.title not in mine
    assert f'href="{lessons[0].url}">Start<' in mine
    assert "Not started" in mine
    assert "No certificates yet" in section(page, "certificates-title")


def test_a_learner_signing_in_lands_on_their_home(client, learner):
    response = sign_in(client, learner.email)
    assert response["Location"] == "/home/"


def test_a_sign_in_asked_for_from_a_lesson_goes_back_to_the_lesson(client, learner, lessons):
    response = client.post(f"/accounts/login/?next={lessons[1].url}",
                           {"login": learner.email, "password": PASSWORD})
    assert response["Location"] == lessons[1].url


def test_a_next_address_on_another_site_is_ignored(client, learner):
    response = client.post("/accounts/login/?next=https://evil.example/",
                           {"login": learner.email, "password": PASSWORD})
    assert response["Location"] == "/home/"


def test_staff_land_where_they_did_before_after_the_code_step(client, trainer):
    response = client.post("/accounts/login/", {"login": trainer.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == "/"


def test_an_organisation_manager_lands_on_their_organisations_page(client, hotel_group):
    harbor = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                         county="Alameda", headcount=40)
    manager = make_user("gm@example.org", profile_group=hotel_group)
    OrganisationManager.objects.create(user=manager, organisation=harbor)
    response = sign_in(client, manager.email)
    assert response["Location"] == reverse("outreach:organisation", args=[harbor.pk])
    assert "Harbor View Hotel" in html_of(client.get(response["Location"]))


def test_a_coordinator_who_manages_an_organisation_lands_as_staff(client, coordinator, hotel_group):
    harbor = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                         county="Alameda", headcount=40)
    OrganisationManager.objects.create(user=coordinator, organisation=harbor)
    assert sign_in(client, coordinator.email)["Location"] == "/"


def test_a_signed_in_learner_opening_the_sign_in_page_is_sent_home(learner_client):
    assert learner_client.get("/accounts/login/")["Location"] == "/home/"


# The home ---------------------------------------------------------------------------------------


def test_a_returning_learner_continues_at_the_first_lesson_not_yet_opened(
    learner_client, learner, course, lessons
):
    learner_client.get(lessons[0].url)
    page = html_of(learner_client.get("/home/"))
    mine = section(page, "my-courses-title")
    assert re.search(rf'href="{lessons[1].url}">Continue: lesson 2<', mine)
    assert "1 of 3 lessons" in mine
    # Reading ahead does not move the place: the first lesson left unread is where they pick up.
    LessonCompletion.objects.filter(user=learner).delete()
    learner_client.get(lessons[0].url)
    learner_client.get(lessons[2].url)
    mine = section(html_of(learner_client.get("/home/")), "my-courses-title")
    assert re.search(rf'href="{lessons[1].url}">Continue: lesson 2<', mine)
    assert "2 of 3 lessons" in mine


def test_every_lesson_opened_offers_the_quiz(learner_client, learner, course, quiz):
    open_all_lessons(learner, course)
    mine = section(html_of(learner_client.get("/home/")), "my-courses-title")
    assert f'href="{quiz.url}">Take the quiz<' in mine
    assert "3 of 3 lessons · quiz next" in mine
    assert "Continue" not in mine


def test_a_completed_course_shows_a_tick_and_the_certificate_valid_until_its_date(
    learner_client, learner, course, quiz
):
    certificate = pass_course(learner, course, quiz)
    valid_until = f"Valid until {date_format(certificate.expires_on, 'DATE_FORMAT')}"
    page = html_of(learner_client.get("/home/"))
    mine = section(page, "my-courses-title")
    assert 'Completed <span aria-hidden="true">✓</span>' in mine
    assert valid_until in mine
    assert "Start" not in mine and "Continue" not in mine
    certificates = section(page, "certificates-title")
    assert course.title in certificates
    assert "Valid until" in certificates
    assert certificate.get_download_url() in certificates
    assert "Due for renewal" not in page


def test_a_lesson_published_after_the_pass_is_offered_as_new(
    learner_client, learner, course, quiz
):
    pass_course(learner, course, quiz)
    added = LessonPage(title="Labour trafficking in laundries", slug="laundries",
                       body=[("text", "<p>New.</p>")])
    course.add_child(instance=added)
    added.save_revision().publish()
    mine = section(html_of(learner_client.get("/home/")), "my-courses-title")
    assert "Completed" in mine
    link = f'<a href="{added.url}">Labour trafficking in laundries</a>'
    assert f"New since you passed: {link}" in mine


def test_a_certificate_near_its_expiry_is_due_for_renewal_and_a_fresh_one_is_not(
    learner, course, quiz
):
    certificate = pass_course(learner, course, quiz, now=timezone.make_aware(
        datetime.datetime(2025, 1, 10, 10)))
    expires = TODAY + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=expires)
    certificates_written(certificate)
    home = home_for(learner, today=TODAY)
    assert [item["shown"].pk for item in home["renewals"]] == [certificate.pk]
    assert home["renewals"][0]["days_left"] == EXPIRY_WARNING_DAYS
    # One day further out, it is not due yet.
    home = home_for(learner, today=TODAY - datetime.timedelta(days=1))
    assert home["renewals"] == []
    # Past its expiry, it is due again: to retake.
    home = home_for(learner, today=expires + datetime.timedelta(days=1))
    assert [item["status"] for item in home["renewals"]] == ["expired"]


def test_the_home_offers_renewal_for_a_certificate_about_to_expire(
    learner_client, learner, course, quiz
):
    certificate = pass_course(learner, course, quiz)
    expires = timezone.localdate() + datetime.timedelta(days=30)
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=expires)
    certificates_written(certificate)
    renewals = section(html_of(learner_client.get("/home/")), "renewals-title")
    assert "Due for renewal" in renewals
    assert "(30 days left)" in renewals
    assert f'href="{course.url}">Renew now' in renewals


def test_courses_begun_outside_the_workplace_are_listed_apart(
    learner_client, course, course_index, utility_group
):
    utility = make_course(course_index, utility_group, slug="utility")
    first = LessonPage.objects.child_of(utility).order_by("path").first()
    learner_client.get(first.url)
    page = html_of(learner_client.get("/home/"))
    assert utility.title not in section(page, "my-courses-title")
    others = section(page, "other-courses-title")
    assert utility.title in others and "Continue: lesson 2" in others


def test_a_workplace_without_a_course_says_so(learner_client, course_index, utility_group):
    make_course(course_index, utility_group, slug="utility")
    mine = section(html_of(learner_client.get("/home/")), "my-courses-title")
    assert "There is no course for Hotel" in mine
    assert 'href="/courses/"' in mine


def test_someone_without_a_profile_is_asked_for_their_workplace_first(
        client, course, lessons, db):
    someone = make_user("someone@example.org")
    client.force_login(someone)
    for path in ["/home/", course.url, lessons[0].url]:
        response = client.get(path)
        assert response["Location"] == f"{reverse('profile')}?next={quote(path, safe='')}"
    # Once filled in, the step returns to the lesson, which now opens.
    response = client.post(f"{reverse('profile')}?next={quote(lessons[0].url, safe='')}", {
        "certificate_name": "Someone", "group": course.audience.first().pk, "state": "CA",
        "county": "Alameda", "language": "en",
    })
    assert response["Location"] == lessons[0].url
    assert client.get(lessons[0].url).status_code == 200
    LearnerProfile.objects.filter(user=someone).delete()
    # A sign-in without a ?next= lands on the workplace step too.
    client.logout()
    response = sign_in(client, someone.email)
    assert response["Location"] == f"{reverse('profile')}?next=%2Fhome%2F"


def test_the_home_shows_nothing_of_another_learners_training(
    client, learner, other_learner, course, lessons, quiz
):
    theirs = pass_course(other_learner, course, quiz)
    client.force_login(learner)
    page = html_of(client.get("/home/"))
    assert theirs.get_download_url() not in page and theirs.display_code not in page
    assert 'id="other-courses-title"' not in page and 'id="renewals-title"' not in page
    assert "Not started" in section(page, "my-courses-title")
    assert "No certificates yet" in section(page, "certificates-title")


def test_the_home_needs_a_signed_in_user(client, db):
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_public_home_is_unchanged_for_visitors(client, home, course_index):
    page = html_of(client.get("/"))
    assert "Pick your workplace" in page and "Sign up and start" in page
    assert "Welcome" not in page and '/home/"' not in page


def test_the_home_costs_the_same_queries_whatever_the_courses_and_certificates(
    learner_client, learner, course, course_index, hotel_group, quiz
):
    learner_client.get(LessonPage.objects.child_of(course).first().url)
    with CaptureQueriesContext(connection) as few:
        learner_client.get("/home/")
    for number in range(4):
        other = make_course(course_index, hotel_group, slug=f"extra-{number}", lessons=3)
        other_quiz = make_quiz(other, slug=f"quiz-{number}")
        if number % 2:
            pass_course(learner, other, other_quiz)
        else:
            learner_client.get(LessonPage.objects.child_of(other).first().url)
    with CaptureQueriesContext(connection) as many:
        page = html_of(learner_client.get("/home/"))
    assert page.count("Continue: lesson 2") == 3 and page.count("Download PDF") == 2
    assert len(many) == len(few) <= 14


# The catalogue ----------------------------------------------------------------------------------


def test_the_catalogue_shows_each_courses_status_for_the_learner(
    learner_client, learner, course, lessons, course_index, hotel_group, utility_group
):
    untouched = make_course(course_index, hotel_group, slug="hotel-two", lessons=2)
    passed = make_course(course_index, utility_group, slug="passed")
    pass_course(learner, passed, make_quiz(passed))
    learner_client.get(lessons[0].url)
    page = html_of(learner_client.get(course_index.url))

    def card(course):
        return re.search(rf'<li class="card">\s*<h2><a href="{course.url}">.*?</li>', page,
                         re.S).group(0)

    assert "1 of 3 lessons" in card(course)
    assert "Not started" in card(untouched)
    assert 'Completed <span aria-hidden="true">✓</span>' in card(passed)


def test_the_catalogue_lists_the_learners_workplace_first(
    client, learner, course_index, hotel_group, utility_group
):
    utility = make_course(course_index, utility_group, slug="utility")
    hotel = make_course(course_index, hotel_group, slug="hotel")
    page = html_of(client.get(course_index.url))
    assert page.index(utility.title) < page.index(hotel.title)  # the tree's order for a visitor
    assert "Not started" not in page and "Your workplace" not in page
    client.force_login(learner)
    page = html_of(client.get(course_index.url))
    assert page.index(hotel.title) < page.index(utility.title)
    assert page.count("Your workplace") == 1


def test_the_catalogue_costs_the_same_queries_whatever_the_courses(
    learner_client, learner, course, course_index, hotel_group, quiz
):
    learner_client.get(LessonPage.objects.child_of(course).first().url)
    with CaptureQueriesContext(connection) as few:
        learner_client.get(course_index.url)
    for number in range(4):
        other = make_course(course_index, hotel_group, slug=f"extra-{number}", lessons=2)
        make_quiz(other, slug=f"quiz-{number}")
        learner_client.get(LessonPage.objects.child_of(other).first().url)
    with CaptureQueriesContext(connection) as many:
        page = html_of(learner_client.get(course_index.url))
    assert page.count("1 of 2 lessons") == 4
    assert len(many) == len(few)


def test_another_learners_progress_never_shows_in_the_catalogue(
    client, learner, other_learner, course, lessons, course_index
):
    client.force_login(other_learner)
    client.get(lessons[0].url)
    client.force_login(learner)
    page = html_of(client.get(course_index.url))
    assert "Not started" in page and "1 of 3 lessons" not in page


def test_the_home_speaks_spanish(learner_client, learner, course, lessons):
    LearnerProfile.objects.filter(user=learner).update(language="es")
    learner_client.get(lessons[0].url)
    page = learner_client.get("/home/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Le damos la bienvenida, Learner" in page
    assert "Continuar: lección 2" in page and "1 de 3 lecciones" in page
    assert "Todavía no tiene certificados" in page


def test_signing_in_switches_to_the_profile_s_language_whatever_the_browser_says(client, learner):
    from django.conf import settings

    LearnerProfile.objects.filter(user=learner).update(language="es")
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    home = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert '<html lang="es"' in html_of(home)
    # The footer's switcher still wins afterwards.
    client.post("/i18n/setlang/", {"language": "en", "next": "/home/"})
    assert '<html lang="en"' in html_of(client.get("/home/", HTTP_ACCEPT_LANGUAGE="es"))


def test_a_learner_whose_profile_says_english_keeps_english_after_sign_in(client, learner):
    from django.conf import settings

    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="es")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in html_of(client.get("/home/", HTTP_ACCEPT_LANGUAGE="es"))
