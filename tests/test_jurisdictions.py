"""Jurisdictions: whose law a course follows sets its certificates' validity, and through their
expiry the reminders and the coverage dashboard; the course page says the rule in plain words."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from redflag.lib.dates import add_months
from wagtail.models import ModelLogEntry

from certificates.services import issuing, reminders
from courses.models import CoursePage, Jurisdiction
from outreach.services import coverage

from .conftest import make_course, make_jurisdiction, make_user

PASSED_AT = timezone.make_aware(datetime.datetime(2026, 3, 12, 15, 30))
PASS_DAY = datetime.date(2026, 3, 12)


def issue(user, course, passed_at=PASSED_AT):
    return issuing.issue_certificate(user=user, course=course, score_percent=90,
                                     passed_at=passed_at)


@pytest.fixture
def minnesota_course(course_index, hotel_group):
    return make_course(course_index, hotel_group, slug="minnesota", lessons=1,
                       jurisdiction=make_jurisdiction("minnesota"))


# Issuing ---------------------------------------------------------------------------------------


def test_a_certificate_lasts_24_months_under_california_law_and_12_under_minnesotas(
        learner, other_learner, course, minnesota_course):
    assert issue(learner, course).expires_on == datetime.date(2028, 3, 12)
    assert issue(other_learner, minnesota_course).expires_on == datetime.date(2027, 3, 12)


def test_issuing_reads_the_validity_the_jurisdiction_has_at_the_pass(learner, course):
    california = course.jurisdiction
    california.validity_months = 36
    california.save()
    course = CoursePage.objects.get(pk=course.pk)
    assert issue(learner, course).expires_on == datetime.date(2029, 3, 12)


# Reminders -------------------------------------------------------------------------------------


def test_reminders_come_before_each_certificates_own_expiry_as_its_law_sets_it(
        learner, other_learner, course, minnesota_course):
    california = issue(learner, course)
    minnesota = issue(other_learner, minnesota_course)
    sixty_before_minnesota = datetime.date(2027, 3, 12) - datetime.timedelta(days=60)
    reminders.send_due_reminders(today=sixty_before_minnesota)
    assert [message.to for message in mail.outbox] == [[other_learner.email]]
    assert set(minnesota.reminders.values_list("milestone", flat=True)) == {"60_days"}
    assert not california.reminders.exists()

    reminders.send_due_reminders(today=datetime.date(2028, 3, 12) - datetime.timedelta(days=60))
    assert [message.to for message in mail.outbox][-1] == [learner.email]


def test_no_reminder_is_sent_whose_lead_time_is_the_whole_validity(learner, course_index,
                                                                  hotel_group):
    one_month = make_jurisdiction("one-month", validity_months=1)
    course = make_course(course_index, hotel_group, slug="short", lessons=1,
                         jurisdiction=one_month)
    certificate = issue(learner, course)
    assert certificate.expires_on == datetime.date(2026, 4, 12)
    reminders.send_due_reminders(today=PASS_DAY + datetime.timedelta(days=1))
    assert not mail.outbox  # a "60 days left" email would arrive with the certificate
    reminders.send_due_reminders(today=certificate.expires_on - datetime.timedelta(days=14))
    assert set(certificate.reminders.values_list("milestone", flat=True)) == {"14_days"}


# The coverage dashboard ------------------------------------------------------------------------


def test_the_dashboards_default_period_is_the_longest_cycle_among_live_courses(
        course, minnesota_course):
    today = datetime.date(2027, 5, 20)
    f = coverage.CoverageFilter.default(today)
    assert coverage.default_period_months() == 24
    assert (f.date_from, f.date_to) == (datetime.date(2025, 6, 1), today)

    course.unpublish()
    assert coverage.default_period_months() == 12
    assert coverage.CoverageFilter.default(today).date_from == datetime.date(2026, 6, 1)


def test_without_live_courses_the_default_period_is_a_new_jurisdictions_validity(db):
    assert coverage.default_period_months() == 24
    assert coverage.CoverageFilter.default(datetime.date(2027, 5, 20)).date_from == (
        datetime.date(2025, 6, 1))


def test_a_minnesota_certificate_starts_expiring_a_year_before_a_california_one(
        learner, other_learner, course, minnesota_course, hotel_group):
    issue(learner, course)
    issue(other_learner, minnesota_course)
    today = datetime.date(2027, 2, 20)  # 20 days before the Minnesota certificate expires
    f = coverage.CoverageFilter(date_from=datetime.date(2026, 1, 1), date_to=today, today=today)
    row = next(row for row in coverage.Coverage(f).groups if row.group == hotel_group)
    assert (row.expiring_30, row.expiring_90) == (1, 1)
    today = datetime.date(2028, 2, 20)  # the same, a year on, for the California one
    f = f.replace(date_to=today, today=today)
    row = next(row for row in coverage.Coverage(f).groups if row.group == hotel_group)
    assert (row.expiring_30, row.expiring_90) == (1, 1)


# The rule in plain words -----------------------------------------------------------------------


def test_the_rule_reads_as_a_learner_would_say_it(db):
    california = make_jurisdiction("california")
    assert california.rule_in_plain_words() == (
        "California law: take this training within 6 months of starting work and every 2 years.")
    assert make_jurisdiction("minnesota").rule_in_plain_words() == (
        "Minnesota law: take this training every year.")
    national = Jurisdiction(name="National", validity_months=18)
    assert national.rule_in_plain_words() == (
        "No state law sets a schedule for this training. Your task force asks you to take this "
        "training every 18 months.")
    with translation.override("es"):
        assert california.rule_in_plain_words() == (
            "Ley de California: tome esta capacitación dentro de los 6 meses posteriores a "
            "comenzar a trabajar y cada 2 años.")


def test_the_course_page_states_its_rule_its_law_and_its_sources(client, course):
    course.sources = [("source", "Cal. Gov. Code § 12950.3"),
                      ("source", "DHS Blue Campaign indicators <2024 edition>")]
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert ("California law: take this training within 6 months of starting work and every "
            "2 years.") in html
    assert "<h2 id=\"course-sources\">Sources</h2>" in html
    assert "<li>DHS Blue Campaign indicators &lt;2024 edition&gt;</li>" in html
    assert html.index("Sources") > html.index("Lessons")


def test_a_course_without_sources_shows_no_sources_heading(client, course):
    assert "Sources" not in client.get(course.url).content.decode()


# Rules of the model and the admin --------------------------------------------------------------


@pytest.mark.parametrize(("fields", "field"), [
    ({"state": "CA", "law": ""}, "law"),
    ({"hotline_name": "CAST hotline"}, "hotline_phone"),
    ({"hotline_phone": "1-888-539-2373"}, "hotline_name"),
    ({"hotline_name": "Line", "hotline_phone": "call us"}, "hotline_phone"),
])
def test_a_jurisdiction_with_a_state_names_its_law_and_a_hotline_has_name_and_number(
        db, fields, field):
    jurisdiction = Jurisdiction(**{"name": "Somewhere", "slug": "somewhere", **fields})
    with pytest.raises(ValidationError) as error:
        jurisdiction.full_clean()
    assert field in error.value.message_dict


def test_a_reviewer_adds_a_jurisdiction_and_the_audit_log_records_it(client, reviewer, home):
    client.force_login(reviewer)
    response = client.post("/admin/snippets/courses/jurisdiction/add/", {
        "name": "Texas", "slug": "texas", "state": "TX", "law": "Tex. Gov. Code § 403.0305",
        "validity_months": "12", "first_training_months": "", "hotline_name": "",
        "hotline_phone": ""})
    assert response.status_code == 302
    texas = Jurisdiction.objects.get(slug="texas")
    assert texas.validity_months == 12 and texas.first_training_months is None
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(texas.pk), user=reviewer).exists()
    listing = client.get("/admin/snippets/courses/jurisdiction/", {"q": "Texas"})
    assert "Texas" in listing.content.decode()


def test_a_trainer_reads_jurisdictions_but_does_not_change_them(client, trainer, course):
    client.force_login(trainer)
    california = course.jurisdiction
    assert client.get(
        f"/admin/snippets/courses/jurisdiction/inspect/{california.pk}/").status_code == 200
    client.post(f"/admin/snippets/courses/jurisdiction/edit/{california.pk}/",
                {"name": "California", "slug": "california", "validity_months": "1"})
    california.refresh_from_db()
    assert california.validity_months == 24


def test_a_jurisdiction_a_course_follows_cannot_be_deleted(client, course, db):
    from django.contrib.auth import get_user_model

    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    assert get_user_model().objects.filter(pk=admin.pk, is_superuser=True).exists()
    client.force_login(admin)
    california = course.jurisdiction
    response = client.post(f"/admin/snippets/courses/jurisdiction/delete/{california.pk}/")
    assert response.status_code == 302
    assert Jurisdiction.objects.filter(pk=california.pk).exists()


def test_the_validity_has_one_owner(db):
    assert "validity_months" not in {field.name for field in CoursePage._meta.get_fields()}
    assert add_months(PASS_DAY, make_jurisdiction().validity_months) == datetime.date(2028, 3, 12)
