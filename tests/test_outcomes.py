"""Outcomes without content: a trained learner, or their manager, counts a report made after the
training (its date and who it went to, nothing else); coordinators read the figures, and
everyone else, every export included, sees small counts only as "fewer than 5"."""

import csv
import dataclasses
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from certificates import codes
from certificates.models import Certificate
from outreach import training_log
from outreach.models import Organisation, OrganisationManager, OutcomeMonth, OutcomeReport
from outreach.services import coverage, outcomes
from tests.conftest import certificates_written, confirm_password, make_user

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def certify(user, course, group, organisation, issued_on, *, county="Alameda"):
    certificate = Certificate.objects.create(
        user=user, course=course, learner_name=user.email, course_title=course.title,
        group=group, group_name=group.name, organisation=organisation,
        organisation_name=organisation.name if organisation else "", state="CA", county=county,
        score_percent=100,
        passed_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(9))),
        issued_on=issued_on, expires_on=issued_on + datetime.timedelta(days=730),
        code=codes.new_code())
    certificates_written(certificate)
    return certificate


@pytest.fixture
def hotel(hotel_group):
    return Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                       county="Alameda", headcount=40)


@pytest.fixture
def rival(hotel_group):
    return Organisation.objects.create(name="Rival Resort", group=hotel_group, state="CA",
                                       county="Alameda", headcount=40)


@pytest.fixture
def trained(learner, course, hotel_group, hotel):
    learner.learner_profile.organisation = hotel
    learner.learner_profile.save()
    certify(learner, course, hotel_group, hotel, days_ago(200))
    return learner


@pytest.fixture
def manager(hotel):
    user = make_user("manager@example.org")
    OrganisationManager.objects.create(user=user, organisation=hotel)
    return user


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


# --- the record itself -------------------------------------------------------------------------

def test_the_record_has_no_field_for_what_was_seen_or_who_was_involved():
    text_fields = {field.name for field in OutcomeReport._meta.get_fields()
                   if field.get_internal_type() in ("CharField", "TextField")}
    # Only the channel (a choice) and the place copied from the certificate: nothing typed.
    assert text_fields == {"channel", "state", "county"}
    assert OutcomeReport._meta.get_field("channel").choices
    assert not any(field.get_internal_type() == "TextField"
                   for field in OutcomeReport._meta.get_fields()
                   if hasattr(field, "get_internal_type"))
    assert not any(name in {field.name for field in OutcomeReport._meta.get_fields()}
                   for name in ("notes", "description", "details", "comment"))


def test_a_record_copies_the_place_and_months_since_the_latest_training_before_it(
        trained, course, hotel_group, hotel):
    today = datetime.date(2026, 6, 30)
    report = outcomes.record(trained, reported_on=days_ago(20), channel="hotline", by=trained,
                             today=timezone.localdate())
    assert (report.group, report.organisation, report.state, report.county) == (
        hotel_group, hotel, "CA", "Alameda")
    assert report.months_since_training == outcomes.months_between(days_ago(200), days_ago(20))
    assert outcomes.months_between(datetime.date(2026, 1, 31), today) == 4
    assert outcomes.months_between(datetime.date(2026, 6, 1), today) == 0


def test_a_date_in_the_future_or_before_the_first_certificate_is_refused(trained):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as future:
        outcomes.record(trained, reported_on=today + datetime.timedelta(days=1),
                        channel="police", by=trained, today=today)
    assert "reported_on" in future.value.error_dict
    with pytest.raises(ValidationError) as early:
        outcomes.record(trained, reported_on=days_ago(300), channel="police", by=trained,
                        today=today)
    assert "before the first training" in str(early.value)
    assert not OutcomeReport.objects.exists()


def test_someone_without_a_certificate_cannot_record(learner_client, learner):
    response = learner_client.get(reverse("outreach:outcome_new"))
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        outcomes.record(learner, reported_on=timezone.localdate(), channel="hotline",
                        by=learner, today=timezone.localdate())


# --- the learner's form ------------------------------------------------------------------------

def test_the_form_says_nothing_of_the_report_is_kept_and_points_to_the_hotline_and_911(
        client, trained):
    client.force_login(trained)
    page = client.get(reverse("outreach:outcome_new")).content.decode()
    assert "never asks what was seen or who was involved" in page
    assert "1-888-373-7888" in page and "911" in page
    assert "csrfmiddlewaretoken" in page
    assert "<textarea" not in page


def test_a_learner_records_a_report_and_sees_it_with_a_message(client, trained):
    client.force_login(trained)
    response = client.post(reverse("outreach:outcome_new"),
                           {"reported_on": days_ago(5).isoformat(), "channel": "hotline"},
                           follow=True)
    page = response.content.decode()
    assert "Your report is counted" in page
    assert "National Human Trafficking Hotline" in page
    report = OutcomeReport.objects.get()
    assert (report.user, report.recorded_by, report.channel) == (trained, trained, "hotline")


def test_form_errors_show_next_to_their_fields_and_keep_what_was_typed(client, trained):
    client.force_login(trained)
    early = days_ago(400).isoformat()
    response = client.post(reverse("outreach:outcome_new"),
                           {"reported_on": early, "channel": "police"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_reported_on_error"' in page and "before the first training" in page
    assert f'value="{early}"' in page
    assert '<option value="police" selected>' in page
    response = client.post(reverse("outreach:outcome_new"), {"reported_on": early})
    assert 'id="id_channel_error"' in response.content.decode()
    assert not OutcomeReport.objects.exists()


def test_a_learner_deletes_their_own_record_and_no_one_else_s(client, trained, other_learner,
                                                                course, hotel_group, hotel):
    mine = outcomes.record(trained, reported_on=days_ago(5), channel="hotline", by=trained,
                           today=timezone.localdate())
    certify(other_learner, course, hotel_group, hotel, days_ago(100))
    theirs = outcomes.record(other_learner, reported_on=days_ago(5), channel="police",
                             by=other_learner, today=timezone.localdate())
    client.force_login(trained)
    assert client.post(reverse("outreach:outcome_delete", args=[theirs.pk])).status_code == 404
    page = client.get(reverse("outreach:outcomes")).content.decode()
    assert "National Human Trafficking Hotline" in page and "911 or police" not in page
    assert client.get(reverse("outreach:outcome_delete", args=[theirs.pk])).status_code == 404
    # The list links to a page that asks first; asking deletes nothing.
    delete_url = reverse("outreach:outcome_delete", args=[mine.pk])
    assert f'href="{delete_url}"' in page
    confirm = client.get(delete_url).content.decode()
    assert "Delete this record?" in confirm
    assert "National Human Trafficking Hotline" in confirm  # the channel it was made to
    assert 'method="post"' in confirm and "csrfmiddlewaretoken" in confirm
    assert OutcomeReport.objects.count() == 2
    response = client.post(delete_url)
    assert response.status_code == 302 and response.url == reverse("outreach:outcomes")
    assert list(OutcomeReport.objects.all()) == [theirs]


def test_recording_and_deleting_are_in_the_audit_log(trained, client):
    report = outcomes.record(trained, reported_on=days_ago(5), channel="cps", by=trained,
                             today=timezone.localdate())
    pk = report.pk
    client.force_login(trained)
    client.post(reverse("outreach:outcome_delete", args=[pk]))
    entries = ModelLogEntry.objects.filter(object_id=str(pk)).order_by("pk")
    assert [entry.action for entry in entries] == ["outreach.outcome_recorded",
                                                   "outreach.outcome_deleted"]
    assert all(entry.user_id == trained.pk for entry in entries)
    assert entries[0].data == {"for_someone_else": False}
    # The log outlives the record: it names it by number, never by its date or channel.
    assert {entry.label for entry in entries} == {f"outcome report #{pk}"}


def test_the_learner_home_links_to_the_form_once_they_hold_a_certificate(client, trained):
    client.force_login(trained)
    page = client.get(reverse("learner_home")).content.decode()
    assert reverse("outreach:outcome_new") in page


# --- the organisation manager ------------------------------------------------------------------

def test_a_manager_records_a_report_for_a_member_of_their_staff(client, manager, trained, hotel):
    client.force_login(manager)
    url = reverse("outreach:organisation_outcome_new", args=[hotel.pk])
    page = client.get(url).content.decode()
    assert "never asks what was seen or who was involved" in page
    response = client.post(url, {"learner": trained.pk, "reported_on": days_ago(3).isoformat(),
                                 "channel": "supervisor"})
    assert response.status_code == 302
    report = OutcomeReport.objects.get()
    assert (report.user, report.recorded_by, report.organisation) == (trained, manager, hotel)
    entry = ModelLogEntry.objects.get(object_id=str(report.pk))
    assert entry.user == manager and entry.data["for_someone_else"] is True


def test_another_organisation_and_its_people_are_404_to_a_manager(
        client, manager, rival, other_learner, course, hotel_group, hotel, coordinator):
    other_learner.learner_profile.organisation = rival
    other_learner.learner_profile.save()
    certify(other_learner, course, hotel_group, rival, days_ago(50))
    client.force_login(manager)
    assert client.get(reverse("outreach:organisation_outcome_new",
                              args=[rival.pk])).status_code == 404
    response = client.post(reverse("outreach:organisation_outcome_new", args=[hotel.pk]),
                           {"learner": other_learner.pk, "reported_on": days_ago(3).isoformat(),
                            "channel": "hotline"})
    assert response.status_code == 404
    assert not OutcomeReport.objects.exists()


def test_the_manager_sees_their_staff_s_reports_only_as_fewer_than_5_when_small(
        client, manager, trained, hotel):
    client.force_login(manager)
    url = reverse("outreach:organisation", args=[hotel.pk])
    assert "Reports your staff recorded: 0." in client.get(url).content.decode()
    for days in (3, 4):
        outcomes.record(trained, reported_on=days_ago(days), channel="hotline", by=trained,
                        today=timezone.localdate())
    page = client.get(url).content.decode()
    assert "Reports your staff recorded: fewer than 5." in page
    for days in (5, 6, 7):
        outcomes.record(trained, reported_on=days_ago(days), channel="hotline", by=trained,
                        today=timezone.localdate())
    assert "Reports your staff recorded: 5." in client.get(url).content.decode()


# --- the rule and the figures ------------------------------------------------------------------

@pytest.mark.parametrize(("count", "shown"), [
    (0, 0), (1, "fewer than 5"), (4, "fewer than 5"), (5, 5), (120, 120), (None, None)])
def test_counts_from_1_to_4_are_suppressed(count, shown):
    assert outcomes.suppress(count) == shown


def test_months_since_training_fall_into_their_bands():
    labels = [str(label) for _first, _last, label in outcomes.MONTH_BANDS]
    assert labels == ["0–3 months", "4–6 months", "7–12 months", "13–24 months",
                      "over 24 months"]
    assert [outcomes.month_band(m) for m in (0, 3, 4, 6, 7, 12, 13, 24, 25, 80)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


@pytest.fixture
def coordinator_client(client, coordinator, settings):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 0
    client.force_login(coordinator)
    return client


@pytest.fixture
def reports_world(trained, other_learner, course, hotel_group, hotel, rival):
    """Seven reports at the hotel (five by the trained learner, two by a colleague) and one at
    the rival resort in Contra Costa."""
    for days in (10, 11, 12, 13, 14):
        outcomes.record(trained, reported_on=days_ago(days), channel="hotline", by=trained,
                        today=timezone.localdate())
    colleague = make_user("colleague@example.org", profile_group=hotel_group)
    certify(colleague, course, hotel_group, hotel, days_ago(20))
    for days in (1, 2):
        outcomes.record(colleague, reported_on=days_ago(days), channel="police", by=colleague,
                        today=timezone.localdate())
    certify(other_learner, course, hotel_group, rival, days_ago(30), county="Contra Costa")
    outcomes.record(other_learner, reported_on=days_ago(1), channel="task_force",
                    by=other_learner, today=timezone.localdate())


def test_the_dashboard_shows_exact_reports_per_group_organisation_county_and_months(
        coordinator_client, reports_world, hotel_group, hotel, rival):
    f = coverage.CoverageFilter.default()
    figures = outcomes.figures(f, coverage.Coverage(f).figures())
    assert figures["total"].reports == 8
    assert figures["total"].people == 3
    # Every group is listed, as on the coverage table; only the hotels have reports.
    groups = {row.label: (row.reports, row.people) for row in figures["groups"]}
    assert groups.pop(hotel_group.name) == (8, 3)
    assert set(groups.values()) == {(0, 0)}
    assert [(row.label, row.reports, row.people) for row in figures["organisations"]] == [
        ("Harbor View Hotel", 7, 2), ("Rival Resort", 1, 1)]
    assert [(row.label, row.reports) for row in figures["counties"]] == [
        ("Alameda, CA", 7), ("Contra Costa, CA", 1)]
    # Five reports about six months after training, three within a month of it.
    bands = {row.label: row.reports for row in figures["months"]}
    assert bands["0–3 months"] == 3 and sum(bands.values()) == 8
    page = coordinator_client.get(reverse("coverage:dashboard")).content.decode()
    assert "Reports made after training: 8" in page
    assert "Rival Resort" in page


def test_the_dashboard_names_the_organisations_with_most_reports_and_counts_them_all(
        reports_world, hotel, rival):
    f = coverage.CoverageFilter.default()
    figures = outcomes.figures(f, coverage.Coverage(f).figures(), organisations_shown=1)
    assert [(row.label, row.reports) for row in figures["organisations"]] == [
        ("Harbor View Hotel", 7)]
    assert figures["organisation_count"] == 2
    everything = outcomes.figures(f, coverage.Coverage(f).figures(), organisations_shown=None)
    assert [row.label for row in everything["organisations"]] == [
        "Harbor View Hotel", "Rival Resort"]
    assert everything["organisation_count"] == 2


def test_the_months_table_gives_the_figures_the_reports_give(reports_world, hotel_group):
    """The dashboard's default period reads the months table; a period that is not whole
    months reads the reports. Both count the same, filtered or not."""
    for options in ({}, {"state": "CA", "county": "Contra Costa"}, {"group_id": hotel_group.pk}):
        f = coverage.CoverageFilter.default(**options)
        cover = coverage.Coverage(f).figures()
        from_months = outcomes.OutcomeFigures(f, cover)
        assert from_months._reads_months
        from_reports = outcomes.OutcomeFigures(f, cover)
        from_reports._reads_months = False
        assert from_months.figures() == from_reports.figures()
    f = coverage.CoverageFilter.default()
    mid_month = dataclasses.replace(f, date_from=f.date_from + datetime.timedelta(days=1))
    assert not outcomes.OutcomeFigures(mid_month, {})._reads_months
    # Ending the day before the latest report, within its month: that month is not whole.
    latest = OutcomeReport.objects.order_by("-reported_on").first().reported_on
    if latest.day > 1:
        cut = dataclasses.replace(f, date_to=latest - datetime.timedelta(days=1))
        assert not outcomes.OutcomeFigures(cut, {})._reads_months
    one_organisation = dataclasses.replace(f, organisation_id=1)
    assert not outcomes.OutcomeFigures(one_organisation, {})._reads_months


def test_the_months_table_follows_every_record_and_deletion(trained, manager):
    today = timezone.localdate()
    first = outcomes.record(trained, reported_on=days_ago(10), channel="hotline", by=trained,
                            today=today)
    outcomes.record(trained, reported_on=days_ago(100), channel="police", by=manager,
                    today=today)
    assert outcomes.months_drift() == []
    assert sum(OutcomeMonth.objects.values_list("reports", flat=True)) == 2
    outcomes.delete(first, by=trained)
    assert outcomes.months_drift() == []
    assert sum(OutcomeMonth.objects.values_list("reports", flat=True)) == 1
    # Written behind Redflag's back, a report shows as drift until the log is rebuilt.
    OutcomeReport.objects.update(reported_on=days_ago(400))
    assert outcomes.months_drift() != []
    training_log.rebuild()
    assert outcomes.months_drift() == []


def test_the_dashboard_filters_the_figures_by_region(reports_world):
    f = coverage.CoverageFilter.default(state="CA", county="Contra Costa")
    figures = outcomes.figures(f, coverage.Coverage(f).figures())
    assert figures["total"].reports == 1
    assert [row.label for row in figures["organisations"]] == ["Rival Resort"]


def test_the_exports_show_small_counts_as_fewer_than_5(coordinator_client, reports_world):
    confirm_password(coordinator_client)  # exports ask for the password again
    url = reverse("coverage:outcomes")
    rows = csv_rows(coordinator_client.get(url + "?export=csv"))
    assert rows[0] == ["Breakdown", "Name", "Reports recorded", "People trained"]
    by_name = {(row[0], row[1]): row[2:] for row in rows[1:]}
    assert by_name["Total", "All groups"] == ["8", "fewer than 5"]
    assert by_name["Organisation", "Harbor View Hotel"] == ["7", "fewer than 5"]
    assert by_name["Organisation", "Rival Resort"] == ["fewer than 5", "fewer than 5"]
    assert by_name["County", "Contra Costa, CA"] == ["fewer than 5", "fewer than 5"]
    response = coordinator_client.get(url + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells["Organisation", "Rival Resort"] == "fewer than 5"
    assert cells["Organisation", "Harbor View Hotel"] == 7
    # No count from 1 to 4 anywhere in either file.
    for row in rows[1:]:
        assert not any(cell in {"1", "2", "3", "4"} for cell in row[2:])


def test_the_outcome_figures_run_the_same_queries_for_few_and_many_reports(
        coordinator_client, trained, course, hotel_group, hotel):
    url = reverse("coverage:dashboard")
    coordinator_client.get(url)  # warm the session and permission caches
    counts = []
    for extra in (0, 30):
        for days in range(extra):
            outcomes.record(trained, reported_on=days_ago(days % 150), channel="hotline",
                            by=trained, today=timezone.localdate())
        f = coverage.CoverageFilter.default()
        coverage_figures = coverage.Coverage(f).figures()
        with CaptureQueriesContext(connection) as queries:
            outcomes.figures(f, coverage_figures)
        counts.append(len([query for query in queries.captured_queries
                           if "SAVEPOINT" not in query["sql"]]))
    # The counts, the organisations' names, their people trained, coverage's one-row probe of
    # the period and the months table's; on PostgreSQL also the two settings of
    # _tune_for_reporting.
    assert counts[0] == counts[1] <= (7 if connection.vendor == "postgresql" else 5)


def test_the_cached_dashboard_adds_no_query_for_outcomes(client, coordinator, settings,
                                                         reports_world):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 600
    client.force_login(coordinator)
    url = reverse("coverage:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert not any("outreach_outcomereport" in query["sql"] for query in cached.captured_queries)


def test_the_admin_listing_is_read_only_and_names_no_one(client, coordinator, reports_world,
                                                         trained):
    client.force_login(coordinator)
    response = client.get(reverse("outcomereport:index") + "?channel=police")
    page = response.content.decode()
    assert response.status_code == 200
    assert "911 or police" in page
    assert trained.email not in page and "colleague@example.org" not in page
    assert "/admin/outcomereport/new/" not in page
    superuser = make_user("root@example.org", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    page = client.get(reverse("outcomereport:index")).content.decode()
    assert "/admin/outcomereport/new/" not in page
