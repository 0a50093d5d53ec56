"""Partner follow-up: for each organisation in the directory, whom the task force calls, when it
last did and when it calls again, its notes and the trainer who looks after it. Coordinators keep
them all, a trainer the organisations assigned to them, nobody else sees them; every change is in
the audit log; each Monday a trainer gets an email of what is due."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from outreach.admin_follow_ups import FollowUpPage
from outreach.models import (
    Campaign,
    CampaignTarget,
    Organisation,
    OrganisationManager,
    PartnerFollowUp,
)
from outreach.services import follow_ups

from .conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 4, 13)  # a Monday


def days(n):
    return TODAY + datetime.timedelta(days=n)


def organisation(name, group, county="Alameda", state="CA"):
    return Organisation.objects.create(name=name, group=group, state=state, county=county)


def follow_up(place, *, trainer=None, due_on=None, **fields):
    return PartnerFollowUp.objects.create(organisation=place, trainer=trainer,
                                          next_follow_up_on=due_on, **fields)


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(FollowUpPage, "get_today", lambda self: TODAY)


@pytest.fixture
def other_trainer(db):
    return make_user("other-trainer@example.org", group="Trainers", first_name="Olga")


@pytest.fixture
def harbor(hotel_group):
    return organisation("Harbor View Hotel", hotel_group)


@pytest.fixture
def lakeside(hotel_group):
    return organisation("Lakeside Inn", hotel_group, county="Marin")


def form_data(**fields):
    data = {"contact_name": "", "contact_role": "", "contact_phone": "", "contact_email": "",
            "last_contact_on": "", "next_follow_up_on": "", "notes": "", "trainer": ""}
    data.update(fields)
    return data


# Who keeps a follow-up ------------------------------------------------------------------------

def test_a_coordinator_fills_in_an_organisations_follow_up_and_it_is_logged(
        client, coordinator, trainer, harbor):
    client.force_login(coordinator)
    url = reverse("follow_ups:organisation", args=[harbor.pk])
    page = client.get(url).content.decode()
    assert "Never write about a case" in page  # the notes' help text
    assert 'name="trainer"' in page

    response = client.post(url, form_data(
        contact_name="Dana Ruiz", contact_role="General manager", contact_phone="510-555-0100",
        contact_email="dana@harbor.example", last_contact_on="2026-04-01",
        next_follow_up_on="2026-05-01", notes="Prefers email.", trainer=str(trainer.pk)))

    assert response.status_code == 302
    saved = PartnerFollowUp.objects.get(organisation=harbor)
    assert (saved.contact_name, saved.trainer, saved.next_follow_up_on) == (
        "Dana Ruiz", trainer, datetime.date(2026, 5, 1))
    created = ModelLogEntry.objects.get(object_id=str(harbor.pk), action="wagtail.create")
    assert created.user == coordinator and "trainer" in created.data["fields"]
    # The notes' words stay out of the audit log, which more people read.
    assert "Prefers email" not in str(created.data)

    client.post(url, form_data(contact_name="Dana Ruiz", contact_role="General manager",
                               contact_phone="510-555-0100", contact_email="dana@harbor.example",
                               last_contact_on="2026-04-01", next_follow_up_on="2026-05-08",
                               notes="Prefers email.", trainer=str(trainer.pk)))
    edited = ModelLogEntry.objects.get(object_id=str(harbor.pk), action="wagtail.edit")
    assert edited.data["fields"] == ["next_follow_up_on"]


def test_only_trainers_can_be_assigned(client, coordinator, reviewer, harbor):
    client.force_login(coordinator)
    response = client.post(reverse("follow_ups:organisation", args=[harbor.pk]),
                           form_data(trainer=str(reviewer.pk)))
    assert response.status_code == 200
    assert not PartnerFollowUp.objects.filter(organisation=harbor).exists()


def test_the_assigned_trainer_edits_their_own_and_gets_404_for_another(
        client, trainer, other_trainer, harbor, lakeside):
    follow_up(harbor, trainer=trainer, contact_name="Dana Ruiz")
    follow_up(lakeside, trainer=other_trainer, contact_name="Lee Chen", notes="Call after 3pm.")
    client.force_login(trainer)

    mine = reverse("follow_ups:organisation", args=[harbor.pk])
    page = client.get(mine).content.decode()
    assert "Dana Ruiz" in page and 'name="trainer"' not in page  # only coordinators assign
    response = client.post(mine, form_data(contact_name="Dana Ruiz", notes="Asked for Spanish.",
                                           next_follow_up_on="2026-04-20",
                                           trainer=str(other_trainer.pk)))
    assert response.status_code == 302
    saved = PartnerFollowUp.objects.get(organisation=harbor)
    assert (saved.notes, saved.trainer) == ("Asked for Spanish.", trainer)
    assert ModelLogEntry.objects.get(object_id=str(harbor.pk), action="wagtail.edit").user == (
        trainer)

    theirs = reverse("follow_ups:organisation", args=[lakeside.pk])
    assert client.get(theirs).status_code == 404
    assert client.post(theirs, form_data(notes="x")).status_code == 404
    assert PartnerFollowUp.objects.get(organisation=lakeside).notes == "Call after 3pm."
    # An organisation nobody follows up yet is not a trainer's to start.
    unassigned = organisation("Bayview Suites", harbor.group)
    assert client.get(reverse("follow_ups:organisation", args=[unassigned.pk])).status_code == 404


def test_notes_are_shown_as_text_never_as_markup(client, coordinator, harbor):
    follow_up(harbor, notes="<script>alert(1)</script>", contact_name="<b>Dana</b>",
              due_on=days(-1))
    client.force_login(coordinator)
    page = client.get(reverse("follow_ups:organisation", args=[harbor.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    listing = client.get(reverse("follow_ups:index")).content.decode()
    assert "<b>Dana</b>" not in listing and "&lt;b&gt;Dana&lt;/b&gt;" in listing


def test_managers_and_learners_never_see_follow_ups(client, learner, hotel_group, harbor):
    follow_up(harbor, contact_name="Dana Ruiz", notes="Prefers email.", due_on=days(-1))
    OrganisationManager.objects.create(user=learner, organisation=harbor)
    client.force_login(learner)
    for url in (reverse("follow_ups:index"),
                reverse("follow_ups:organisation", args=[harbor.pk])):
        response = client.get(url)
        assert response.status_code == 403 and b"Dana Ruiz" not in response.content
    own_page = client.get(reverse("outreach:organisation", args=[harbor.pk])).content.decode()
    assert "Dana Ruiz" not in own_page and "Prefers email." not in own_page


def test_the_directory_shows_trainers_no_follow_up_fields(client, trainer, harbor):
    follow_up(harbor, trainer=None, contact_name="Dana Ruiz", notes="Prefers email.")
    client.force_login(trainer)
    listing = client.get(reverse("wagtailsnippets_outreach_organisation:list")).content.decode()
    assert "Harbor View Hotel" in listing and "Dana Ruiz" not in listing


# What is due ----------------------------------------------------------------------------------

def test_the_follow_ups_page_lists_what_is_late_or_due_within_two_weeks(
        client, coordinator, trainer, hotel_group, fixed_today):
    follow_up(organisation("Late Hotel", hotel_group), trainer=trainer, due_on=days(-3))
    follow_up(organisation("Today Hotel", hotel_group), due_on=TODAY)
    follow_up(organisation("Fortnight Hotel", hotel_group), due_on=days(14))
    follow_up(organisation("Later Hotel", hotel_group), due_on=days(15))
    follow_up(organisation("Undated Hotel", hotel_group))
    client.force_login(coordinator)
    page = client.get(reverse("follow_ups:index")).content.decode()
    assert "Later Hotel" not in page and "Undated Hotel" not in page
    assert page.index("Late Hotel") < page.index("Today Hotel") < page.index("Fortnight Hotel")
    assert page.count("(late)") == 1


def test_the_follow_ups_page_filters_by_trainer_and_county(
        client, coordinator, trainer, other_trainer, hotel_group, fixed_today):
    follow_up(organisation("Harbor View Hotel", hotel_group), trainer=trainer, due_on=TODAY)
    follow_up(organisation("Lakeside Inn", hotel_group, county="Marin"), trainer=other_trainer,
              due_on=TODAY)
    client.force_login(coordinator)
    url = reverse("follow_ups:index")
    by_trainer = client.get(url, {"trainer": trainer.pk}).content.decode()
    assert "Harbor View Hotel" in by_trainer and "Lakeside Inn" not in by_trainer
    by_county = client.get(url, {"county": "CA|Marin"}).content.decode()
    assert "Lakeside Inn" in by_county and "Harbor View Hotel" not in by_county


def test_a_trainer_sees_only_their_follow_ups_due(client, trainer, other_trainer, hotel_group,
                                                  fixed_today):
    follow_up(organisation("Harbor View Hotel", hotel_group), trainer=trainer, due_on=TODAY)
    follow_up(organisation("Lakeside Inn", hotel_group), trainer=other_trainer, due_on=TODAY)
    client.force_login(trainer)
    page = client.get(reverse("follow_ups:index"),
                      {"trainer": other_trainer.pk}).content.decode()
    assert "Harbor View Hotel" in page and "Lakeside Inn" not in page
    assert 'name="trainer"' not in page


def test_the_follow_ups_page_is_paginated_at_the_same_cost(client, coordinator, hotel_group,
                                                           fixed_today):
    client.force_login(coordinator)
    url = reverse("follow_ups:index")
    client.get(url)  # warm the session and permission caches
    counts = []
    for start, number in ((0, 3), (3, 120)):
        for n in range(start, start + number):
            follow_up(organisation(f"Hotel {n:03}", hotel_group), due_on=TODAY)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "Page 1 of 3" in page and "Hotel 049" in page and "Hotel 050" not in page
    assert "Hotel 050" in client.get(url, {"p": 2}).content.decode()


# The dashboard --------------------------------------------------------------------------------

def test_the_dashboard_links_not_reached_and_due_organisations_to_their_follow_up(
        client, coordinator, hotel_group):
    today = timezone.localdate()
    due = organisation("Harbor View Hotel", hotel_group)
    follow_up(due, due_on=today - datetime.timedelta(days=2), contact_name="Dana Ruiz")
    follow_up(organisation("Lakeside Inn", hotel_group),
              due_on=today + datetime.timedelta(days=30))
    client.force_login(coordinator)
    page = client.get(reverse("coverage:dashboard")).content.decode()
    link = reverse("follow_ups:organisation", args=[due.pk])
    section = page[page.index('id="coverage-follow-ups-heading"'):]
    assert "Follow-up due: 1 organisation" in section
    assert link in section and "Lakeside Inn" not in section
    not_reached = page[page.index('id="coverage-not-reached-heading"'):page.index(
        'id="coverage-follow-ups-heading"')]
    assert link in not_reached


def test_the_dashboards_follow_up_list_costs_the_same_queries_for_1_and_30_due(
        client, coordinator, hotel_group, settings):
    settings.OUTREACH_DASHBOARD_CACHE_SECONDS = 0
    today = timezone.localdate()
    client.force_login(coordinator)
    url = reverse("coverage:dashboard")
    client.get(url)
    counts = []
    for start, number in ((0, 1), (1, 29)):
        for n in range(start, start + number):
            follow_up(organisation(f"Hotel {n:03}", hotel_group),
                      due_on=today - datetime.timedelta(days=1))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "Follow-up due: 30 organisations" in page


# The weekly digest ----------------------------------------------------------------------------

@pytest.fixture
def week(trainer, other_trainer, coordinator, hotel_group):
    """Due for `trainer`: a late partner, one due Sunday, and a campaign target; not due: one in
    eight days. `other_trainer` has one due. A trainer with nothing due and an inactive one."""
    trainer.first_name = "Tomás"
    trainer.save()
    follow_up(organisation("Late Hotel", hotel_group), trainer=trainer, due_on=days(-2),
              contact_name="Dana Ruiz", contact_phone="510-555-0100")
    follow_up(organisation("Sunday Hotel", hotel_group), trainer=trainer, due_on=days(6))
    follow_up(organisation("Next Week Hotel", hotel_group), trainer=trainer, due_on=days(8))
    follow_up(organisation("Olga's Hotel", hotel_group), trainer=other_trainer, due_on=days(1))
    campaign = Campaign.objects.create(name="Spring hotels", starts_on=days(-30),
                                       ends_on=days(60), goal=3, counties=[["CA", "Alameda"]],
                                       created_by=coordinator)
    CampaignTarget.objects.create(campaign=campaign, trainer=trainer,
                                  organisation=organisation("Target Motel", hotel_group),
                                  next_follow_up_on=days(3))
    make_user("idle-trainer@example.org", group="Trainers")
    gone = make_user("gone-trainer@example.org", group="Trainers", is_active=False)
    follow_up(organisation("Gone Hotel", hotel_group), trainer=gone, due_on=TODAY)


def test_each_active_trainer_with_something_due_gets_one_digest(week, trainer):
    assert follow_ups.send_digests(TODAY) == 2
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["other-trainer@example.org", "trainer@example.org"]

    (message,) = [m for m in mail.outbox if m.to == ["trainer@example.org"]]
    assert message.subject == "Redflag: 3 follow-ups due this week"
    text = message.body
    assert "Hello Tomás," in text
    assert "Late Hotel" in text and "late, was due" in text and "Dana Ruiz" in text
    assert "Sunday Hotel" in text and "Target Motel · Spring hotels" in text
    assert "Next Week Hotel" not in text and "Olga's Hotel" not in text
    assert text.index("Late Hotel") < text.index("Sunday Hotel")
    html = message.alternatives[0][0]
    assert "Olga&#x27;s Hotel" not in html and "Sunday Hotel" in html
    assert reverse("follow_ups:index") in html


def test_the_digest_is_in_the_trainers_language(week, trainer):
    UserProfile.objects.create(user=trainer, preferred_language="es")
    follow_ups.send_digests(TODAY)
    (message,) = [m for m in mail.outbox if m.to == ["trainer@example.org"]]
    assert message.subject == "Redflag: 3 seguimientos esta semana"
    assert "Hola, Tomás:" in message.body and "Organizaciones aliadas" in message.body


def test_the_digest_costs_the_same_queries_for_one_trainer_and_many(
        trainer, hotel_group, coordinator):
    counts = []
    for start, number in ((0, 1), (1, 6)):
        for n in range(start, start + number):
            person = make_user(f"trainer{n}@example.org", group="Trainers")
            follow_up(organisation(f"Hotel {n}", hotel_group), trainer=person, due_on=TODAY)
        with CaptureQueriesContext(connection) as queries:
            digests = follow_ups.digests(TODAY)
        counts.append(len(queries))
        assert len(digests) == start + number
    assert counts[0] == counts[1] == 3


def test_the_command_acts_on_the_given_day(week):
    out = io.StringIO()
    call_command("send_follow_up_digest", "--today", "2026-03-01", "--no-progress", stdout=out)
    # Six weeks earlier nothing is due yet.
    assert "Follow-up digests sent: 0." in out.getvalue() and not mail.outbox

    out, err = io.StringIO(), io.StringIO()
    call_command("send_follow_up_digest", "--today", TODAY.isoformat(), stdout=out, stderr=err)
    assert "Follow-up digests sent: 2." in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar
    assert len(mail.outbox) == 2


def test_the_command_refuses_a_date_it_cannot_read():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_follow_up_digest", "--today", "13/04/2026")
