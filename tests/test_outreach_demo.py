"""The demo: after `seed_demo --demo-accounts`, the coordinator's dashboard has a directory and
training, the not-reached list is not empty, and the demo manager sees only Harbor View's staff."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from redflag.demo import outreach as demo
from redflag.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

from outreach.models import (
    Campaign,
    InPersonSession,
    Organisation,
    OrganisationManager,
    OutcomeReport,
)
from tests.conftest import FAST_PASSWORD_HASHERS, sign_in


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module's tests (the slowest step here) in a transaction
    rolled back after the last of them; each test's own savepoint undoes what the test writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
            call_command("seed_demo", "--demo-accounts", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db, settings):
    settings.DEBUG = True


def test_the_demo_coordinator_sees_a_dashboard_with_training_and_a_not_reached_list(
        client, seeded):
    sign_in(client, "coordinator@example.org", DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    page = client.get(reverse("coverage:dashboard")).content.decode()
    assert "Not reached yet: 6 organisations" in page
    assert "Mission Motel" in page
    assert "in person" in page
    response = client.get(reverse("coverage:groups") + "?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_demo_manager_sees_only_harbor_view_staff(client, seeded):
    sign_in(client, demo.MANAGER_EMAIL, DEMO_PASSWORD)
    response = client.get(reverse("outreach:my_organisation"), follow=True)
    page = response.content.decode()
    assert "Training at Harbor View Hotel" in page
    for name in ("Maria Lopez", "Ana Rivera", "Grace Kim", "Rosa Delgado"):
        assert name in page
    assert "Tomas Reyes" not in page  # typed "Bayview Suites", not in any organisation yet
    for status in ("Current", "Expiring", "Expired", "Not started"):
        assert status in page
    other = Organisation.objects.get(name="Union Square Grand")
    assert client.get(reverse("outreach:organisation", args=[other.pk])).status_code == 404


def test_seeding_twice_adds_nothing(seeded):
    counts = (Organisation.objects.count(), InPersonSession.objects.count(),
              OrganisationManager.objects.count(), Campaign.objects.count(),
              OutcomeReport.objects.count())
    call_command("seed_demo", "--demo-accounts", stdout=io.StringIO())
    assert (Organisation.objects.count(), InPersonSession.objects.count(),
            OrganisationManager.objects.count(), Campaign.objects.count(),
            OutcomeReport.objects.count()) == counts


def test_the_demo_trainer_works_the_demo_campaign(client, seeded):
    sign_in(client, "trainer@example.org", DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    campaign = Campaign.objects.get(name=demo.DEMO_CAMPAIGN)
    page = client.get(reverse("campaigns:campaign", args=[campaign.pk])).content.decode()
    assert "Mission Motel" in page  # not reached, so a target
    assert "Harbor View Hotel" not in page  # reached: not a target
    assert "Session scheduled" in page and "No follow-up is overdue." not in page


def test_the_demo_has_a_few_reports_made_after_training(client, seeded):
    assert 5 <= OutcomeReport.objects.count() <= 12
    sign_in(client, "coordinator@example.org", DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)
    page = client.get(reverse("coverage:dashboard")).content.decode()
    assert "Reports made after training: " in page
    assert "No reports recorded in this selection." not in page
