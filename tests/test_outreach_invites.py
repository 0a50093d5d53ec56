"""Learners join their organisation with its invite link or code; without one they still train,
and a coordinator matches their typed employer to the directory later."""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from redflag.accounts.models import LearnerProfile

from outreach import invites
from outreach.models import Organisation
from tests.conftest import PASSWORD, make_user


@pytest.fixture
def hotel(db, hotel_group):
    return Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                       county="Alameda", headcount=40)


def signup_data(hotel_group, **extra):
    return {
        "email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD,
        "certificate_name": "New Learner", "group": hotel_group.pk, "employer": "",
        "job_role": "Housekeeper", "state": "CA", "county": "Alameda", "zip_code": "",
        "language": "en", **extra,
    }


def sign_up(client, hotel_group, **extra):
    """Step 1, the account; then signed in (as after the emailed code) for the profile step."""
    client.post(reverse("account_signup"), signup_data(hotel_group, **extra))
    user = get_user_model().objects.get(email="new@example.org")
    client.force_login(user)
    return user


def test_the_invite_link_remembers_the_code_and_prefills_the_profile_step(
        client, hotel, hotel_group):
    response = client.get(hotel.get_invite_path())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Join Harbor View Hotel on Redflag" in page
    assert 'name="password1"' in page
    assert client.session[invites.SESSION_KEY] == hotel.invite_code
    sign_up(client, hotel_group)
    page = client.get(reverse("profile")).content.decode()
    assert f'value="{hotel.display_invite_code}"' in page  # visible, and can be cleared
    assert 'value="Harbor View Hotel"' in page
    assert '<option value="Alameda" selected>' in page


def test_signing_up_with_the_invite_code_joins_the_organisation(client, hotel, hotel_group):
    user = sign_up(client, hotel_group)
    code = hotel.display_invite_code.lower()
    client.post(reverse("profile"), signup_data(hotel_group, invite_code=code))
    profile = LearnerProfile.objects.get(user=user)
    assert profile.organisation == hotel
    assert profile.employer == "Harbor View Hotel"


def test_a_wrong_invite_code_on_the_profile_step_is_an_error_next_to_the_field(
        client, hotel, hotel_group):
    user = sign_up(client, hotel_group)
    response = client.post(reverse("profile"), signup_data(hotel_group, invite_code="NOPE-NOPE"))
    page = response.content.decode()
    assert "No organisation has this invite code" in page
    assert 'id="id_invite_code_error"' in page
    assert not LearnerProfile.objects.filter(user=user).exists()


def test_a_learner_without_a_code_still_signs_up_with_a_typed_employer(client, hotel_group):
    user = sign_up(client, hotel_group)
    client.post(reverse("profile"),
                signup_data(hotel_group, employer="Somewhere Suites", invite_code=""))
    profile = LearnerProfile.objects.get(user=user)
    assert profile.organisation is None and profile.employer == "Somewhere Suites"


def test_a_signed_in_learner_joins_from_the_link_after_confirming(client, hotel, learner):
    client.force_login(learner)
    response = client.get(hotel.get_invite_path())
    assert "Join Harbor View Hotel" in response.content.decode()
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.organisation is None  # a GET changes nothing
    client.post(hotel.get_invite_path())
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.organisation == hotel


def test_a_learner_without_a_profile_fills_it_in_then_confirms_joining(client, hotel, hotel_group):
    user = make_user("fresh@example.org")
    client.force_login(user)
    response = client.get(hotel.get_invite_path())
    assert response.url == f"{reverse('profile')}?next={quote(hotel.get_invite_path(), safe='')}"
    page = client.get(response.url).content.decode()
    assert hotel.invite_code not in page  # the code is not slipped into the form
    response = client.post(response.url, signup_data(hotel_group, next=hotel.get_invite_path()))
    assert response.url == hotel.get_invite_path()
    assert LearnerProfile.objects.get(user=user).organisation is None
    client.post(hotel.get_invite_path())
    assert LearnerProfile.objects.get(user=user).organisation == hotel


def test_a_signed_in_learner_who_only_opens_an_invite_link_stays_where_they_are(
        client, hotel, learner, hotel_group):
    """Opening another organisation's link and saving the profile later does not move anyone:
    joining lets that organisation's manager see the learner's training and certificates."""
    home_hotel = Organisation.objects.create(name="Home Inn", group=hotel_group, state="CA",
                                             county="Alameda")
    profile = learner.learner_profile
    profile.organisation = home_hotel
    profile.save()
    client.force_login(learner)
    client.get(hotel.get_invite_path())  # opened, not confirmed
    assert invites.SESSION_KEY not in client.session
    page = client.get(reverse("profile")).content.decode()
    assert hotel.invite_code not in page and hotel.display_invite_code not in page
    client.post(reverse("profile"), signup_data(hotel_group, certificate_name="Learner",
                                                invite_code=""))
    profile.refresh_from_db()
    assert profile.organisation == home_hotel


def test_a_visitors_invite_code_is_kept_for_the_profile_step_only(client, hotel, hotel_group):
    client.get(hotel.get_invite_path())
    user = sign_up(client, hotel_group)
    client.post(reverse("profile"), signup_data(hotel_group, invite_code=""))
    assert LearnerProfile.objects.get(user=user).organisation is None
    assert invites.SESSION_KEY not in client.session


def test_the_profile_form_accepts_an_invite_code(client, hotel, learner, hotel_group):
    client.force_login(learner)
    client.post(reverse("profile"), signup_data(hotel_group, certificate_name="Learner",
                                                invite_code=hotel.display_invite_code))
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.organisation == hotel


def test_an_unknown_invite_link_is_a_404_with_a_box_to_type_the_code(client, hotel):
    response = client.get(reverse("outreach:join", args=["ZZZZ-ZZZZ"]))
    assert response.status_code == 404
    assert "No organisation has the invite code" in response.content.decode()
    response = client.get(reverse("outreach:join_with_code") + "?code=" + hotel.invite_code.lower())
    assert response.url == reverse("outreach:join", args=[hotel.invite_code])


def test_a_coordinator_matches_a_typed_employer_to_the_directory(client, hotel, hotel_group,
                                                                 coordinator, course):
    # make_user types the employer "Harbor View Hotel".
    typed = make_user("typed@example.org", profile_group=hotel_group)
    client.force_login(coordinator)
    page = client.get(reverse("outreach_match_employers")).content.decode()
    assert "Harbor View Hotel" in page
    client.post(reverse("outreach_match_employers"), {
        "prefix": "match-0", "match-0-employer": "harbor view hotel", "match-0-state": "CA",
        "match-0-organisation": hotel.pk})
    typed.learner_profile.refresh_from_db()
    assert typed.learner_profile.organisation == hotel
    page = client.get(reverse("outreach_match_employers")).content.decode()
    assert "Every learner" in page

