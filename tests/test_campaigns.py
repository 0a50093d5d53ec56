"""Campaigns: a coordinator aims at the organisations not reached yet, trainers work their
targets, and the campaign page says how far it has come. Trained is read from the training log,
never typed."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates import codes
from certificates.models import Certificate
from courses.models import StakeholderGroup
from outreach import ical
from outreach.admin_campaigns import CampaignView
from outreach.models import (
    CalendarFeed,
    Campaign,
    CampaignTarget,
    InPersonSession,
    Organisation,
    OutcomeReport,
)
from outreach.services import campaigns, outcomes

from .conftest import FrontDoorClient, certificates_written, confirm_password, make_user

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 1)
TODAY = datetime.date(2026, 4, 15)


def organisation(name, group, county="Alameda", state="CA", **fields):
    return Organisation.objects.create(name=name, group=group, state=state, county=county,
                                       **fields)


def certificate(user, course, group, place, issued_on):
    made = Certificate.objects.create(
        user=user, course=course, learner_name=user.email, course_title=course.title,
        group=group, group_name=group.name, organisation=place, organisation_name=place.name,
        state=place.state, county=place.county, score_percent=100,
        passed_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(9))),
        issued_on=issued_on, expires_on=issued_on.replace(year=issued_on.year + 2),
        code=codes.new_code())
    certificates_written(made)
    return made


def session(place, date, attendees=10):
    return InPersonSession.objects.create(
        date=date, place=place.name, group=place.group, organisation=place, state=place.state,
        county=place.county, attendees=attendees)


@pytest.fixture
def utility_group(db, hotel_group):
    return StakeholderGroup.objects.exclude(pk=hotel_group.pk).order_by("pk").first()


@pytest.fixture
def other_trainer(db):
    return make_user("other-trainer@example.org", group="Trainers")


def make_campaign(coordinator, groups, counties, *, goal_kind="organisations", goal=4,
                  today=TODAY, name="Spring hotels"):
    campaign = Campaign.objects.create(name=name, starts_on=START,
                                       ends_on=datetime.date(2026, 6, 30), goal_kind=goal_kind,
                                       goal=goal, counties=counties, created_by=coordinator)
    campaign.groups.set(groups)
    campaigns.choose_targets(campaign, by=coordinator, today=today)
    return campaign


def targeted(campaign):
    return set(campaign.targets.values_list("organisation__name", flat=True))


# Choosing targets ------------------------------------------------------------------------------

def test_targets_are_the_not_reached_organisations_of_its_groups_and_counties(
        coordinator, hotel_group, utility_group, course, learner):
    organisation("Harbor View Hotel", hotel_group)
    organisation("Lakeside Inn", hotel_group)
    reached_online = organisation("Bayview Suites", hotel_group)
    reached_in_person = organisation("Airport Lodge", hotel_group)
    organisation("Union Square Grand", hotel_group, county="San Francisco")  # another county
    organisation("East Bay Water", utility_group)  # another group
    organisation("Lakeside Inn", hotel_group, county="Alameda", state="NY")  # another state
    certificate(learner, course, hotel_group, reached_online, datetime.date(2026, 2, 1))
    session(reached_in_person, datetime.date(2026, 1, 10))

    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])

    assert targeted(campaign) == {"Harbor View Hotel", "Lakeside Inn"}
    assert all(target.status == "new" for target in campaign.targets.all())


def test_adding_a_county_adds_its_organisations_and_keeps_the_targets_already_chosen(
        coordinator, hotel_group, trainer):
    organisation("Harbor View Hotel", hotel_group)
    organisation("Union Square Grand", hotel_group, county="San Francisco")
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    campaign.targets.update(trainer=trainer, status="contacted")
    campaign.counties = [["CA", "Alameda"], ["CA", "San Francisco"]]
    campaign.save()

    assert campaigns.choose_targets(campaign, by=coordinator, today=TODAY) == 1

    assert targeted(campaign) == {"Harbor View Hotel", "Union Square Grand"}
    kept = campaign.targets.get(organisation__name="Harbor View Hotel")
    assert (kept.trainer, kept.status) == (trainer, "contacted")


def test_a_coordinator_creates_a_campaign_in_the_admin_and_it_is_logged(
        client, coordinator, hotel_group):
    organisation("Harbor View Hotel", hotel_group)
    organisation("Union Square Grand", hotel_group, county="San Francisco")
    client.force_login(coordinator)
    page = client.get(reverse("campaigns:add")).content.decode()
    assert "Union Square Grand" not in page and "San Francisco, CA" in page

    response = client.post(reverse("campaigns:add"), {
        "name": "Alameda hotels", "groups": [hotel_group.pk], "county_choices": ["CA|Alameda"],
        "starts_on": "2026-03-01", "ends_on": "2026-06-30", "goal_kind": "organisations",
        "goal": "5"})

    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "campaigns:campaign", args=[campaign.pk])
    assert campaign.created_by == coordinator and campaign.counties == [["CA", "Alameda"]]
    assert targeted(campaign) == {"Harbor View Hotel"}
    actions = set(ModelLogEntry.objects.filter(object_id=str(campaign.pk))
                  .values_list("action", flat=True))
    assert actions == {"wagtail.create", "outreach.campaign_targets_chosen"}


def test_a_campaign_ending_before_it_starts_is_refused(client, coordinator, hotel_group):
    organisation("Harbor View Hotel", hotel_group)
    client.force_login(coordinator)
    response = client.post(reverse("campaigns:add"), {
        "name": "Backwards", "groups": [hotel_group.pk], "county_choices": ["CA|Alameda"],
        "starts_on": "2026-06-01", "ends_on": "2026-03-01", "goal_kind": "people",
        "goal": "5"})
    assert "The end date comes before the start date." in response.content.decode()
    assert not Campaign.objects.exists()


# Trained, derived --------------------------------------------------------------------------------

def stages(campaign, today=TODAY):
    targets = campaigns.with_trained(campaign.targets.select_related("organisation"), campaign,
                                     today)
    return {target.organisation.name: campaigns.stage(target, today) for target in targets}


def test_a_target_is_trained_by_an_in_person_session_since_the_campaign_start(
        coordinator, hotel_group):
    harbor = organisation("Harbor View Hotel", hotel_group)
    lakeside = organisation("Lakeside Inn", hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]],
                             today=datetime.date(2026, 2, 1))
    CampaignTarget.objects.filter(organisation=lakeside).update(status="scheduled")
    session(harbor, datetime.date(2026, 3, 20))
    session(lakeside, datetime.date(2026, 2, 27))  # before the start: does not count

    assert stages(campaign) == {"Harbor View Hotel": "trained", "Lakeside Inn": "scheduled"}


def test_a_target_is_trained_by_its_staff_passing_online_since_the_campaign_start(
        coordinator, hotel_group, course, learner, other_learner):
    harbor = organisation("Harbor View Hotel", hotel_group)
    lakeside = organisation("Lakeside Inn", hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]],
                             today=datetime.date(2026, 2, 1))
    certificate(learner, course, hotel_group, harbor, datetime.date(2026, 3, 2))
    certificate(other_learner, course, hotel_group, lakeside, datetime.date(2026, 2, 2))

    assert stages(campaign) == {"Harbor View Hotel": "trained", "Lakeside Inn": "new"}


def test_a_trained_target_shows_follow_up_due_once_its_date_has_come(coordinator, hotel_group):
    harbor = organisation("Harbor View Hotel", hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    session(harbor, datetime.date(2026, 3, 20))
    campaign.targets.update(next_follow_up_on=datetime.date(2026, 4, 15))

    assert stages(campaign, datetime.date(2026, 4, 14)) == {"Harbor View Hotel": "trained"}
    assert stages(campaign, datetime.date(2026, 4, 15)) == {"Harbor View Hotel": "follow_up_due"}


def test_the_by_trainer_table_counts_each_target_under_its_stage(coordinator, hotel_group,
                                                                  trainer):
    harbor = organisation("Harbor View Hotel", hotel_group)
    organisation("Lakeside Inn", hotel_group)
    bayview = organisation("Bayview Suites", hotel_group)
    organisation("Union Square Grand", hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    campaign.targets.update(trainer=trainer)
    for name, status in (("Harbor View Hotel", "scheduled"), ("Lakeside Inn", "scheduled"),
                         ("Bayview Suites", "contacted")):
        campaign.targets.filter(organisation__name=name).update(status=status)
    session(harbor, datetime.date(2026, 3, 20))  # the scheduled session was held
    session(bayview, datetime.date(2026, 4, 1))  # trained after being contacted

    [row] = campaigns.per_trainer(campaign.targets.all(), campaign, TODAY)

    assert stages(campaign) == {"Harbor View Hotel": "trained", "Lakeside Inn": "scheduled",
                                "Bayview Suites": "trained", "Union Square Grand": "new"}
    assert (row.targets, row.contacted, row.scheduled, row.trained) == (4, 0, 1, 2)


# Progress and overdue follow-ups -----------------------------------------------------------------

def test_progress_counts_people_and_organisations_at_the_targets_since_the_start(
        coordinator, hotel_group, course, learner, other_learner):
    harbor = organisation("Harbor View Hotel", hotel_group)
    lakeside = organisation("Lakeside Inn", hotel_group)
    organisation("Bayview Suites", hotel_group)
    elsewhere = organisation("Union Square Grand", hotel_group, county="San Francisco")
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]], goal_kind="people",
                             goal=40, today=datetime.date(2026, 2, 1))
    session(harbor, datetime.date(2026, 3, 20), attendees=12)
    session(harbor, datetime.date(2026, 2, 20), attendees=50)  # before the start
    session(elsewhere, datetime.date(2026, 3, 20), attendees=99)  # not a target
    certificate(learner, course, hotel_group, lakeside, datetime.date(2026, 3, 2))
    certificate(other_learner, course, hotel_group, lakeside, datetime.date(2026, 3, 3))
    # A learner's second certificate is the same person.
    certificate(learner, course, hotel_group, lakeside, datetime.date(2026, 4, 1))

    progress = campaigns.progress(campaign, TODAY)

    assert (progress.targets, progress.organisations_reached) == (3, 2)
    assert (progress.people_online, progress.people_in_person, progress.people) == (2, 12, 14)
    assert (progress.achieved, progress.percent) == (14, 35)
    campaign.goal_kind, campaign.goal = "organisations", 4
    assert campaigns.progress(campaign, TODAY).percent == 50


def test_overdue_follow_ups_are_those_due_before_today(coordinator, hotel_group):
    for name in ("Harbor View Hotel", "Lakeside Inn", "Bayview Suites", "Airport Lodge"):
        organisation(name, hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    dates = {"Harbor View Hotel": datetime.date(2026, 4, 1),
             "Lakeside Inn": datetime.date(2026, 4, 14),
             "Bayview Suites": TODAY}  # due today: not overdue yet; Airport Lodge: no date
    for name, date in dates.items():
        campaign.targets.filter(organisation__name=name).update(next_follow_up_on=date)

    overdue = campaigns.overdue(campaign.targets.all(), TODAY)

    assert [target.organisation.name for target in overdue] == [
        "Harbor View Hotel", "Lakeside Inn"]


# What came of it: reports made after training ------------------------------------------------

@pytest.fixture
def reporting_campaign(coordinator, hotel_group, course, learner, other_learner):
    """A campaign whose target's staff made reports before and after its start, and a hotel
    outside it whose staff made one too."""
    harbor = organisation("Harbor View Hotel", hotel_group)
    elsewhere = organisation("Union Square Grand", hotel_group, county="San Francisco")
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]],
                             today=datetime.date(2026, 1, 2))
    certificate(learner, course, hotel_group, harbor, datetime.date(2026, 1, 10))
    certificate(other_learner, course, hotel_group, elsewhere, datetime.date(2026, 1, 10))
    for reported_on, channel in ((datetime.date(2026, 2, 20), "hotline"),  # before the start
                                 (START, "police"), (datetime.date(2026, 4, 2), "hotline")):
        outcomes.record(learner, reported_on=reported_on, channel=channel, by=learner,
                        today=TODAY)
    outcomes.record(other_learner, reported_on=datetime.date(2026, 3, 5), channel="hotline",
                    by=other_learner, today=TODAY)  # not a target's staff
    return campaign


def test_progress_counts_the_reports_its_targets_staff_made_since_its_start(
        reporting_campaign):
    assert campaigns.progress(reporting_campaign, TODAY).outcome_reports == 2
    # A report made on a later day is counted once that day has come.
    assert campaigns.outcome_reports(reporting_campaign, datetime.date(2026, 4, 1)) == 1


def test_a_report_stays_with_the_organisation_the_training_counted_at(
        reporting_campaign, learner, hotel_group):
    # The learner moves on: the reports they made as Harbor View's staff stay Harbor View's.
    learner.learner_profile.organisation = organisation("Lakeside Inn", hotel_group,
                                                        county="San Francisco")
    learner.learner_profile.save()
    assert campaigns.outcome_reports(reporting_campaign, TODAY) == 2


def test_the_coordinator_reads_the_exact_count_and_a_trainer_fewer_than_5(
        client, coordinator, trainer, reporting_campaign, monkeypatch):
    monkeypatch.setattr(CampaignView, "get_today", lambda self: TODAY)
    reporting_campaign.targets.update(trainer=trainer)
    url = reverse("campaigns:campaign", args=[reporting_campaign.pk])
    figure = ('<span class="campaign-figure">{}</span> reports made after training by staff of '
              "the targets")

    client.force_login(coordinator)
    assert figure.format(2) in client.get(url).content.decode()
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert figure.format("fewer than 5") in page
    assert figure.format(2) not in page


# Who sees what ----------------------------------------------------------------------------------

@pytest.fixture
def shared_campaign(coordinator, hotel_group, trainer, other_trainer):
    for name in ("Harbor View Hotel", "Lakeside Inn", "Bayview Suites"):
        organisation(name, hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    campaign.targets.filter(organisation__name="Harbor View Hotel").update(trainer=trainer)
    campaign.targets.filter(organisation__name="Lakeside Inn").update(
        trainer=other_trainer, next_follow_up_on=datetime.date(2000, 1, 3))
    return campaign


def test_a_trainer_sees_only_their_own_targets_of_a_campaign(client, trainer, shared_campaign):
    client.force_login(trainer)
    page = client.get(reverse("campaigns:campaign", args=[shared_campaign.pk])).content.decode()

    assert "Harbor View Hotel" in page
    assert "Lakeside Inn" not in page and "Bayview Suites" not in page
    assert "other-trainer@example.org" not in page
    assert "Spring hotels" in client.get(reverse("campaigns:index")).content.decode()


def test_a_trainer_gets_404_for_another_trainers_target_and_a_campaign_not_theirs(
        client, trainer, shared_campaign, coordinator, hotel_group):
    other = shared_campaign.targets.get(organisation__name="Lakeside Inn")
    client.force_login(trainer)
    assert client.get(reverse("campaigns:target", args=[other.pk])).status_code == 404
    assert client.post(reverse("campaigns:target", args=[other.pk]),
                       {"status": "contacted"}).status_code == 404
    assert CampaignTarget.objects.get(pk=other.pk).status == "new"

    organisation("Mission Motel", hotel_group, county="San Francisco")
    elsewhere = make_campaign(coordinator, [hotel_group], [["CA", "San Francisco"]],
                              name="San Francisco motels")
    assert client.get(reverse("campaigns:campaign", args=[elsewhere.pk])).status_code == 404
    listing = client.get(reverse("campaigns:index")).content.decode()
    assert "Spring hotels" in listing and "San Francisco motels" not in listing


def test_a_coordinator_sees_every_target_and_overdue_follow_up(client, coordinator,
                                                                shared_campaign):
    client.force_login(coordinator)
    page = client.get(reverse("campaigns:campaign", args=[shared_campaign.pk])).content.decode()
    for name in ("Harbor View Hotel", "Lakeside Inn", "Bayview Suites", "Not assigned",
                 "other-trainer@example.org"):
        assert name in page
    assert "No follow-up is overdue." not in page


def test_a_trainer_updates_their_target_and_the_change_is_logged(client, trainer,
                                                                  shared_campaign):
    target = shared_campaign.targets.get(organisation__name="Harbor View Hotel")
    client.force_login(trainer)
    page = client.get(reverse("campaigns:target", args=[target.pk])).content.decode()
    assert 'name="trainer"' not in page  # only coordinators assign trainers
    assert "Campaign: Spring hotels." in page

    response = client.post(reverse("campaigns:target", args=[target.pk]), {
        "status": "scheduled", "session_starts_at": "2026-05-04T10:00",
        "session_place": "Ballroom", "last_contact_on": "2026-04-10",
        "next_follow_up_on": "2026-06-01", "trainer": "999"})

    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.status, target.session_place, target.trainer) == (
        "scheduled", "Ballroom", trainer)
    entry = ModelLogEntry.objects.get(object_id=str(target.pk), action="wagtail.edit")
    assert entry.user == trainer and "status" in entry.data["fields"]


def test_a_scheduled_status_needs_the_session_date(client, trainer, shared_campaign):
    target = shared_campaign.targets.get(organisation__name="Harbor View Hotel")
    client.force_login(trainer)
    response = client.post(reverse("campaigns:target", args=[target.pk]),
                           {"status": "scheduled"})
    assert "Enter the date and time of the scheduled session." in response.content.decode()


def test_a_coordinator_assigns_a_trainer(client, coordinator, trainer, shared_campaign):
    target = shared_campaign.targets.get(organisation__name="Bayview Suites")
    client.force_login(coordinator)
    client.post(reverse("campaigns:target", args=[target.pk]),
                {"trainer": trainer.pk, "status": "new"})
    target.refresh_from_db()
    assert target.trainer == trainer
    assert ModelLogEntry.objects.filter(object_id=str(target.pk), action="wagtail.edit",
                                        user=coordinator).exists()


def test_the_campaign_page_costs_the_same_queries_whatever_the_number_of_targets(
        client, coordinator, hotel_group, trainer, course, learner, monkeypatch):
    monkeypatch.setattr(CampaignView, "get_today", lambda self: TODAY)
    for n in range(3):
        organisation(f"Hotel {n}", hotel_group)
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    client.force_login(coordinator)
    url = reverse("campaigns:campaign", args=[campaign.pk])
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(3, 30):
        place = organisation(f"Hotel {n}", hotel_group)
        session(place, datetime.date(2026, 3, 10))
    campaigns.choose_targets(campaign, by=coordinator, today=datetime.date(2026, 2, 1))
    campaign.targets.update(trainer=trainer, next_follow_up_on=datetime.date(2026, 4, 1))
    certificate(learner, course, hotel_group, Organisation.objects.get(name="Hotel 0"),
                datetime.date(2026, 3, 2))
    outcomes.record(learner, reported_on=datetime.date(2026, 3, 9), channel="hotline",
                    by=learner, today=TODAY)
    assert campaign.targets.count() == 30
    assert queries() == few


# The calendar feed ------------------------------------------------------------------------------

def test_text_is_escaped_and_long_lines_folded_at_75_octets():
    assert ical.escape('Room 2; floor 1, "east"\nback\\door') == (
        'Room 2\\; floor 1\\, "east"\\nback\\\\door')
    line = "SUMMARY:" + "Formación en señales de alerta " * 5
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0]] + [part[1:] for part in parts[1:]]) == line


def test_a_calendar_has_one_event_per_session_with_the_required_properties():
    stamp = datetime.datetime(2026, 4, 15, 12, 0, tzinfo=datetime.UTC)
    start = datetime.datetime(2026, 5, 4, 17, 30, tzinfo=datetime.UTC)
    text = ical.calendar("Sessions", [{"uid": "campaign-target-7@example.org", "start": start,
                                       "summary": "Training: Harbor View Hotel",
                                       "location": "Ballroom, 1 Main St; Oakland"}], stamp=stamp)

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = text.split("\r\n")
    for expected in ("BEGIN:VEVENT", "UID:campaign-target-7@example.org",
                     "DTSTAMP:20260415T120000Z", "DTSTART:20260504T173000Z",
                     "SUMMARY:Training: Harbor View Hotel",
                     "LOCATION:Ballroom\\, 1 Main St\\; Oakland"):
        assert expected in lines


def test_a_trainer_subscribes_to_their_scheduled_sessions_by_a_secret_address(
        client, trainer, other_trainer, shared_campaign):
    mine = shared_campaign.targets.get(organisation__name="Harbor View Hotel")
    mine.status, mine.session_place = "scheduled", "Ballroom, floor 2"
    mine.session_starts_at = datetime.datetime(2026, 5, 4, 17, 30, tzinfo=datetime.UTC)
    mine.save()
    theirs = shared_campaign.targets.get(organisation__name="Lakeside Inn")
    theirs.session_starts_at = datetime.datetime(2026, 5, 5, 17, 30, tzinfo=datetime.UTC)
    theirs.save()
    client.force_login(trainer)
    page = client.get(reverse("campaigns:calendar")).content.decode()
    feed = CalendarFeed.objects.get(user=trainer)
    assert feed.token in page

    client.logout()  # a calendar app has no session
    response = client.get(reverse("outreach:calendar", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:campaign-target-{mine.pk}@" in body
    assert "DTSTART:20260504T173000Z" in body
    assert "LOCATION:Ballroom\\, floor 2" in body and "Lakeside" not in body


def test_renewing_the_address_revokes_the_old_one_and_is_logged(client, trainer):
    client.force_login(trainer)
    client.get(reverse("campaigns:calendar"))
    old = CalendarFeed.objects.get(user=trainer).token
    client.post(reverse("campaigns:calendar"))
    new = CalendarFeed.objects.get(user=trainer).token

    assert new != old
    assert client.get(reverse("outreach:calendar", args=[old])).status_code == 404
    assert client.get(reverse("outreach:calendar", args=[new])).status_code == 200
    assert ModelLogEntry.objects.filter(action="outreach.calendar_feed_renewed",
                                        user=trainer).exists()


def test_the_feed_stops_when_its_trainer_leaves_the_role(client, trainer):
    feed = campaigns.feed_for(trainer)
    trainer.groups.clear()
    assert client.get(reverse("outreach:calendar", args=[feed.token])).status_code == 404


def test_the_dashboards_not_reached_list_leads_coordinators_to_a_new_campaign(
        client, coordinator, trainer, hotel_group):
    organisation("Harbor View Hotel", hotel_group)
    client.force_login(coordinator)
    assert reverse("campaigns:add") in client.get(reverse("coverage:dashboard")).content.decode()
    campaign = make_campaign(coordinator, [hotel_group], [["CA", "Alameda"]])
    edit = reverse("campaigns:edit", args=[campaign.pk])
    client.post(edit, {"name": "Spring hotels", "groups": [hotel_group.pk],
                       "county_choices": ["CA|Alameda"], "starts_on": "2026-03-01",
                       "ends_on": "2026-06-30", "goal_kind": "organisations", "goal": "4"})
    # Saved unchanged: nothing to log.
    assert not ModelLogEntry.objects.filter(object_id=str(campaign.pk),
                                            action="wagtail.edit").exists()
    client.post(edit, {"name": "Spring hotels", "groups": [hotel_group.pk],
                       "county_choices": ["CA|Alameda"], "starts_on": "2026-03-01",
                       "ends_on": "2026-07-31", "goal_kind": "organisations", "goal": "4"})
    entry = ModelLogEntry.objects.get(object_id=str(campaign.pk), action="wagtail.edit")
    assert entry.user == coordinator and entry.data["fields"] == ["ends_on"]
    client.force_login(trainer)
    assert client.get(edit).status_code == 302  # trainers do not edit campaigns


def test_a_coordinator_assigns_ticked_targets_to_a_trainer_at_once(
        client, coordinator, trainer, other_trainer, shared_campaign):
    bayview = shared_campaign.targets.get(organisation__name="Bayview Suites")
    lakeside = shared_campaign.targets.get(organisation__name="Lakeside Inn")
    client.force_login(coordinator)
    page = client.get(reverse("campaigns:campaign", args=[shared_campaign.pk])).content.decode()
    assert reverse("campaigns:assign", args=[shared_campaign.pk]) in page

    client.post(reverse("campaigns:assign", args=[shared_campaign.pk]),
                {"targets": [bayview.pk, lakeside.pk], "trainer": trainer.pk})

    assert set(shared_campaign.targets.values_list("trainer", flat=True)) == {trainer.pk}
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=coordinator,
                                        object_id__in=[str(bayview.pk), str(lakeside.pk)]
                                        ).count() == 2
    client.force_login(other_trainer)  # trainers do not assign
    assert client.post(reverse("campaigns:assign", args=[shared_campaign.pk]),
                       {"targets": [bayview.pk], "trainer": other_trainer.pk}).status_code == 302
    assert shared_campaign.targets.get(pk=bayview.pk).trainer == trainer


# Deleting a campaign ---------------------------------------------------------------------------

def test_the_delete_page_names_the_campaign_and_what_goes_with_it(client, coordinator,
                                                                    shared_campaign):
    client.force_login(coordinator)
    delete = reverse("campaigns:delete", args=[shared_campaign.pk])
    for page in (reverse("campaigns:campaign", args=[shared_campaign.pk]),
                 reverse("campaigns:edit", args=[shared_campaign.pk])):
        assert f'class="button no" href="{delete}"' in client.get(page).content.decode()

    page = client.get(delete).content.decode()

    assert "Delete the campaign “Spring hotels”?" in page
    assert "its 3 target organisations" in page and "trainer assignments" in page
    assert "2 targets are assigned to trainers, who will no longer see them." in page
    assert ("The organisations stay in the directory, and in-person sessions, certificates and "
            "outcome reports are kept") in page
    assert f'<form method="post" action="{delete}">' in page and "csrfmiddlewaretoken" in page
    assert Campaign.objects.filter(pk=shared_campaign.pk).exists()  # asking deletes nothing


def test_deleting_removes_the_campaign_and_its_targets_and_keeps_what_was_done(
        client, coordinator, hotel_group, shared_campaign, course, learner):
    harbor = Organisation.objects.get(name="Harbor View Hotel")
    held = session(harbor, datetime.date(2026, 3, 20))
    issued = certificate(learner, course, hotel_group, harbor, datetime.date(2026, 3, 10))
    report = outcomes.record(learner, reported_on=datetime.date(2026, 4, 1), channel="hotline",
                             by=learner, today=TODAY)
    organisation("Mission Motel", hotel_group, county="San Francisco")
    other = make_campaign(coordinator, [hotel_group], [["CA", "San Francisco"]],
                          name="San Francisco motels")
    organisations_before = Organisation.objects.count()
    client.force_login(coordinator)

    response = client.post(reverse("campaigns:delete", args=[shared_campaign.pk]), follow=True)

    assert response.redirect_chain == [(reverse("campaigns:index"), 302)]
    assert "Campaign “Spring hotels” deleted, with its 3 targets." in response.content.decode()
    assert not Campaign.objects.filter(pk=shared_campaign.pk).exists()
    assert not CampaignTarget.objects.filter(campaign_id=shared_campaign.pk).exists()
    assert targeted(other) == {"Mission Motel"}
    assert Organisation.objects.count() == organisations_before
    assert InPersonSession.objects.filter(pk=held.pk).exists()
    assert Certificate.objects.filter(pk=issued.pk).exists()
    assert OutcomeReport.objects.filter(pk=report.pk).exists()


def test_deleting_a_campaign_is_logged_with_its_number_of_targets(client, coordinator,
                                                                   shared_campaign):
    client.force_login(coordinator)
    client.post(reverse("campaigns:delete", args=[shared_campaign.pk]))

    entry = ModelLogEntry.objects.get(object_id=str(shared_campaign.pk), action="wagtail.delete")
    assert (entry.user, entry.label, entry.data, entry.deleted) == (
        coordinator, "Spring hotels", {"targets": 3}, True)
    assert entry.content_type.model_class() is Campaign


def test_a_trainer_cannot_delete_a_campaign_even_with_targets_in_it(client, trainer,
                                                                     shared_campaign):
    client.force_login(trainer)
    delete = reverse("campaigns:delete", args=[shared_campaign.pk])
    page = client.get(reverse("campaigns:campaign", args=[shared_campaign.pk])).content.decode()
    assert delete not in page

    # Wagtail's refusal, as for editing: back to the admin's home.
    assert client.get(delete)["Location"] == reverse("wagtailadmin_home")
    assert client.post(delete)["Location"] == reverse("wagtailadmin_home")
    assert shared_campaign.targets.count() == 3
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_a_campaign_that_does_not_exist_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("campaigns:delete", args=[999])).status_code == 404
    assert client.post(reverse("campaigns:delete", args=[999])).status_code == 404


def test_only_a_post_with_the_csrf_token_deletes(coordinator, shared_campaign):
    client = FrontDoorClient(enforce_csrf_checks=True)
    client.force_login(coordinator)
    delete = reverse("campaigns:delete", args=[shared_campaign.pk])

    assert client.post(delete).status_code == 403  # no token: a forged form from elsewhere
    page = client.get(delete).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    # Only the confirming form's POST deletes: not an HTTP DELETE, even with the token.
    assert client.delete(delete, headers={"X-CSRFToken": token}).status_code == 405
    assert Campaign.objects.filter(pk=shared_campaign.pk).exists()

    assert client.post(delete, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Campaign.objects.filter(pk=shared_campaign.pk).exists()


def test_trainers_are_named_by_name_and_email_on_the_campaign_and_follow_ups_pages(
        client, coordinator, trainer, shared_campaign):
    # Sign-up makes a username up from the email address: it names no one a coordinator knows.
    trainer.username, trainer.first_name, trainer.last_name = "trainer7", "Ana", "Ruiz"
    trainer.save()
    named = "Ana Ruiz (trainer@example.org)"
    target = shared_campaign.targets.get(organisation__name="Harbor View Hotel")
    client.force_login(coordinator)

    campaign = client.get(reverse("campaigns:campaign", args=[shared_campaign.pk])).content
    target_form = client.get(reverse("campaigns:target", args=[target.pk])).content
    follow_ups = client.get(reverse("follow_ups:index")).content
    pages = {"campaign": campaign.decode(), "target": target_form.decode(),
             "follow-ups": follow_ups.decode()}

    assert pages["campaign"].count(f">{named}</option>") == 1  # the assign drop-down
    assert f'<th scope="row">{named}</th>' in pages["campaign"]  # the by-trainer table
    assert f"<td>{named}</td>" in pages["campaign"]  # the targets list
    assert f">{named}</option>" in pages["target"]
    assert f">{named}</option>" in pages["follow-ups"]
    for name, page in pages.items():
        assert "trainer7" not in page, name


def test_the_targets_download_as_csv_and_xlsx_with_what_each_reader_may_see(
        client, coordinator, trainer, shared_campaign, monkeypatch):
    monkeypatch.setattr(CampaignView, "get_today", lambda self: TODAY)
    trainer.first_name, trainer.last_name = "Ana", "Ruiz"
    trainer.save()
    harbor = shared_campaign.targets.get(organisation__name="Harbor View Hotel")
    harbor.status, harbor.session_place = "scheduled", "=HYPERLINK(\"http://evil.example\")"
    # 17:30 UTC is 10:30 in California, where the task force works (TIME_ZONE).
    harbor.session_starts_at = datetime.datetime(2026, 5, 4, 17, 30, tzinfo=datetime.UTC)
    harbor.save()
    session(harbor.organisation, datetime.date(2026, 3, 20))
    url = reverse("campaigns:campaign", args=[shared_campaign.pk])

    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert f'href="{url}?export=csv"' in page and f'href="{url}?export=xlsx"' in page
    # The file names trainers: like every export that names people, it asks for the password.
    assert client.get(url + "?export=csv").status_code == 302
    confirm_password(client)
    response = client.get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"] == (
        f'attachment; filename="campaign-{shared_campaign.pk}-targets.csv"')
    assert rows == [
        ["Organisation", "County", "State", "Status", "Trainer", "Session", "Session place",
         "Last contact", "Next follow-up"],
        ["Bayview Suites", "Alameda", "CA", "Not contacted yet", "", "", "", "", ""],
        ["Harbor View Hotel", "Alameda", "CA", "Trained", "Ana Ruiz (trainer@example.org)",
         "2026-05-04 10:30", "'=HYPERLINK(\"http://evil.example\")", "", ""],
        ["Lakeside Inn", "Alameda", "CA", "Not contacted yet", "other-trainer@example.org", "",
         "", "", "2000-01-03"],
    ]
    xlsx = b"".join(client.get(url + "?export=xlsx").streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    cells = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert [row[0] for row in cells] == [row[0] for row in rows]
    assert cells[2][5] == datetime.datetime(2026, 5, 4, 10, 30)

    client.force_login(trainer)  # a trainer downloads their own targets only
    confirm_password(client)
    mine = client.get(url + "?export=csv")
    body = b"".join(mine.streaming_content).decode()
    assert "Harbor View Hotel" in body
    assert "Lakeside Inn" not in body and "Bayview Suites" not in body
