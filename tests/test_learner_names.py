"""The name printed on a certificate is a name someone can read: a learner's profile and a
coordinator's corrected name refuse names made only of invisible characters, and names with
characters that reorder text (which could make a certificate read differently from what was
typed)."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issuing

INVISIBLE = [
    "\u200b\u200b\u200b",  # zero-width spaces
    "\u2060 \u00a0\ufeff",  # word joiner, space, no-break space, byte-order mark
    "\u3164\u3164",  # Hangul fillers, which draw nothing
    "\u200d\u2800",  # zero-width joiner, blank Braille pattern
]
REORDERING = [
    "Ana \u202eareviR",  # right-to-left override
    "\u2067Ana Rivera\u2069",  # right-to-left isolate
    "Ana\u200f Rivera",  # right-to-left mark
    "Ana \u061cRivera",  # Arabic letter mark
    "\u202aAna Rivera\u202c",  # left-to-right embedding
]
READABLE = ["José Ñúñez", "محمد عبد الله", "نیک\u200cنام", "Zoë O'Brien", "李小龍"]

INVISIBLE_MESSAGE = "only of spaces or invisible characters"
REORDERING_MESSAGE = "characters that change the direction of text"


def profile_data(learner, name):
    profile = learner.learner_profile
    return {
        "certificate_name": name, "group": profile.group_id, "employer": profile.employer,
        "job_role": profile.job_role, "state": profile.state, "county": profile.county,
        "zip_code": "", "language": "en",
    }


@pytest.mark.parametrize(("name", "message"), [
    *((name, INVISIBLE_MESSAGE) for name in INVISIBLE),
    *((name, REORDERING_MESSAGE) for name in REORDERING),
])
def test_the_profile_refuses_an_unreadable_name_next_to_the_field(
    learner_client, learner, name, message
):
    response = learner_client.post("/accounts/profile/", profile_data(learner, name))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["certificate_name"])
    assert 'id="id_certificate_name_error"' in response.content.decode()
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.certificate_name == "Learner"


@pytest.mark.parametrize("name", READABLE)
def test_the_profile_keeps_a_name_in_any_script(learner_client, learner, name):
    response = learner_client.post("/accounts/profile/", profile_data(learner, name))
    assert response.status_code == 302
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.certificate_name == name


def test_signing_up_refuses_a_name_made_of_zero_width_spaces(client, home, hotel_group):
    response = client.post("/accounts/signup/", {
        "email": "nurse@example.org", "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase", "certificate_name": "\u200b\u200b",
    })
    assert response.status_code == 200
    assert INVISIBLE_MESSAGE in " ".join(response.context["form"].errors["certificate_name"])


@pytest.fixture
def certificate(learner, course):
    return issuing.issue_certificate(
        user=learner, course=course, score_percent=90,
        passed_at=timezone.make_aware(datetime.datetime(2026, 3, 12, 15, 30)),
    )


@pytest.mark.parametrize(("name", "message"), [
    (INVISIBLE[0], INVISIBLE_MESSAGE), (INVISIBLE[2], INVISIBLE_MESSAGE),
    (REORDERING[0], REORDERING_MESSAGE), (REORDERING[1], REORDERING_MESSAGE),
])
def test_a_coordinator_cannot_reissue_with_an_unreadable_name(
    client, coordinator, certificate, name, message
):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/certificates/reissue/{certificate.pk}/",
        {"learner_name": name, "reason": "Surname misspelt"},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["learner_name"])
    assert Certificate.objects.count() == 1


def test_a_coordinator_reissues_with_a_name_in_another_script(client, coordinator, certificate):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/certificates/reissue/{certificate.pk}/",
        {"learner_name": "محمد عبد الله", "reason": "Name in the learner's own script"},
    )
    assert response.status_code == 302
    assert Certificate.objects.get(replaces=certificate).learner_name == "محمد عبد الله"
