"""Signing up with a learner profile, editing it, and what bad input does."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from redflag.accounts.models import LearnerProfile

pytestmark = pytest.mark.django_db

GOOD_SIGNUP = {
    "email": "nurse@example.org",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
    "certificate_name": "  José   Ñúñez ",
    "group": None,  # filled in by the test
    "employer": "County General",
    "job_role": "ER nurse",
    "state": "CA",
    "county": "Alameda",
    "zip_code": "94607",
    "language": "es",
}


def _signup_data(group, **changes):
    return {**GOOD_SIGNUP, "group": group.pk, **changes}


def _signed_up(client, group, **changes):
    """Step 1 (the account), then, signed in, the profile step's data."""
    client.post("/accounts/signup/", _signup_data(group, **changes))
    user = get_user_model().objects.get(email="nurse@example.org")
    client.force_login(user)
    return user


def test_signing_up_asks_for_the_account_alone_and_emails_a_verification_code(
        client, home, hotel_group):
    page = client.get("/accounts/signup/").content.decode()
    assert 'name="certificate_name"' in page and 'name="password1"' in page
    assert 'name="county"' not in page and 'name="group"' not in page  # on the second step
    response = client.post("/accounts/signup/", _signup_data(hotel_group))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nurse@example.org")
    assert user.first_name == "José Ñúñez"  # spaces tidied, accents kept
    assert not LearnerProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and "nurse@example.org" in mail.outbox[0].to


def test_the_second_step_offers_the_name_and_creates_the_profile(client, home, hotel_group):
    user = _signed_up(client, hotel_group)
    page = client.get("/accounts/profile/?next=/home/").content.decode()
    assert "Your workplace" in page and "Step 2 of 2" in page
    assert 'value="José Ñúñez"' in page
    assert "js/county-select.js" in page
    data = {**_signup_data(hotel_group), "county": "alameda county", "next": "/home/"}
    response = client.post("/accounts/profile/", data)
    assert response["Location"] == "/home/"
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.group, profile.state, profile.county, profile.language) == (
        hotel_group, "CA", "Alameda", "es",
    )


def test_the_language_chosen_on_the_second_step_is_read_from_the_next_page_on(
        client, home, hotel_group):
    from django.conf import settings

    _signed_up(client, hotel_group)
    response = client.post("/accounts/profile/", {**_signup_data(hotel_group), "next": "/home/"},
                           HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    home_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="es"' in home_page
    assert "Su perfil se guardó." in home_page


def test_the_second_step_preselects_the_language_the_learner_reads(client, home, hotel_group):
    _signed_up(client, hotel_group)
    page = client.get("/accounts/profile/?next=/home/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="es" selected>' in page


def _profile_data(learner, **changes):
    return {"certificate_name": "Maria Lopez", "group": learner.learner_profile.group_id,
            "state": "CA", "county": "Alameda", "language": "en", **changes}


def test_changing_the_profile_s_language_switches_the_site_to_it(client, learner):
    from django.conf import settings

    client.force_login(learner)
    response = client.post("/accounts/profile/", _profile_data(learner, language="es"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_saving_the_profile_keeps_a_language_picked_with_the_switcher(client, learner):
    from django.conf import settings

    client.force_login(learner)
    client.post("/i18n/setlang/", {"language": "es", "next": "/home/"})
    response = client.post("/accounts/profile/", _profile_data(learner, job_role="Front desk"))
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="es"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("county, stored", [
    ("Alameda", "Alameda"), ("San Francisco", "San Francisco"),
    ("los angeles county", "Los Angeles"),
])
def test_the_county_is_stored_under_its_census_name(client, home, hotel_group, county, stored):
    user = _signed_up(client, hotel_group)
    client.post("/accounts/profile/", _signup_data(hotel_group, county=county))
    assert LearnerProfile.objects.get(user=user).county == stored


@pytest.mark.parametrize("county", ["Clark", "Atlantis", "Orleans Parish"])
def test_a_county_outside_the_chosen_state_is_an_error_at_the_field(
        client, home, hotel_group, county):
    user = _signed_up(client, hotel_group)
    response = client.post("/accounts/profile/", _signup_data(hotel_group, county=county))
    assert response.status_code == 200
    assert "Choose a county in California." in " ".join(response.context["form"].errors["county"])
    assert not LearnerProfile.objects.filter(user=user).exists()
    html = response.content.decode()
    assert 'id="id_county_error"' in html
    # Without script the state's counties come first, and what was typed stays.
    assert html.index('label="California"') < html.index('label="Alabama"')
    assert 'value="County General"' in html


def test_a_county_name_shared_by_states_is_selected_in_the_chosen_states_list(
        client, home, hotel_group):
    _signed_up(client, hotel_group)
    response = client.post("/accounts/profile/",
                           _signup_data(hotel_group, state="OR", county="Washington",
                                        certificate_name=""))
    html = response.content.decode()
    assert html.count('value="Washington" selected') == 1
    oregon = html[html.index('label="Oregon"'):]
    assert oregon[:oregon.index("</optgroup>")].count("selected") == 1


def test_the_error_summary_lists_each_error_with_a_link_to_its_field(client, home, hotel_group):
    _signed_up(client, hotel_group)
    response = client.post("/accounts/profile/", _signup_data(
        hotel_group, zip_code="ABCDE", county="Clark"))
    html = response.content.decode()
    summary = html[html.index('id="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert 'role="alert" tabindex="-1" id="error-summary"' in html
    assert "There are problems with this form" in summary
    assert '<a href="#id_zip_code">ZIP code: Enter a US ZIP code' in summary
    assert '<a href="#id_county">County: Choose a county in California.' in summary
    # The summary comes before the first field.
    assert html.index('id="error-summary"') < html.index('id="id_certificate_name"')


def test_the_sign_up_form_keeps_the_passwords_and_summarises_its_errors(client, home, hotel_group):
    response = client.post("/accounts/signup/", _signup_data(hotel_group, certificate_name=" "))
    html = response.content.decode()
    assert 'id="error-summary"' in html and '<a href="#id_certificate_name">' in html
    assert 'value="a-long-enough-passphrase"' in html
    assert 'value="nurse@example.org"' in html


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"certificate_name": "   "}, "certificate_name", "Enter your name"),
        ({"certificate_name": "x" * 500}, "certificate_name", "at most 120 characters"),
        ({"zip_code": "ABCDE"}, "zip_code", "Enter a US ZIP code"),
        ({"zip_code": "", "county": ""}, "county", "Enter your county or your ZIP code"),
        ({"state": "XX"}, "state", "Select a valid choice"),
    ],
)
def test_bad_profile_input_is_explained_next_to_the_field_and_keeps_what_was_typed(
    client, home, hotel_group, changes, field, message
):
    user = _signed_up(client, hotel_group)
    response = client.post("/accounts/profile/", _signup_data(hotel_group, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html  # rendered at the field, announced as an alert
    assert 'value="County General"' in html
    assert not LearnerProfile.objects.filter(user=user).exists()


def test_bad_name_at_sign_up_is_explained_and_creates_no_account(client, home, hotel_group):
    response = client.post("/accounts/signup/", _signup_data(hotel_group, certificate_name="  "))
    assert "Enter your name" in " ".join(response.context["form"].errors["certificate_name"])
    assert 'id="id_certificate_name_error"' in response.content.decode()
    assert not get_user_model().objects.filter(email="nurse@example.org").exists()


def test_the_profile_page_edits_the_profile(client, learner):
    client.force_login(learner)
    data = {
        "certificate_name": "Maria L. Lopez",
        "group": learner.learner_profile.group_id,
        "employer": "Bay Inn",
        "job_role": "Front desk",
        "state": "NV",
        "county": "Clark",
        "zip_code": "",
        "language": "en",
    }
    response = client.post("/accounts/profile/", data)
    assert response.status_code == 302
    learner.learner_profile.refresh_from_db()
    assert (learner.learner_profile.certificate_name, learner.learner_profile.state) == (
        "Maria L. Lopez",
        "NV",
    )


def test_the_profile_page_returns_to_where_the_learner_was_going(client, hotel_group, db):
    from .conftest import make_user

    user = make_user("fresh@example.org")
    client.force_login(user)
    data = {
        "certificate_name": "Fresh",
        "group": hotel_group.pk,
        "state": "CA",
        "county": "Marin",
        "language": "en",
        "next": "/courses/hotel/lesson-1/",
    }
    response = client.post("/accounts/profile/", data)
    assert response["Location"] == "/courses/hotel/lesson-1/"


def test_the_profile_page_ignores_a_next_url_on_another_site(client, learner):
    client.force_login(learner)
    data = {
        "certificate_name": "M",
        "group": learner.learner_profile.group_id,
        "state": "CA",
        "county": "Marin",
        "language": "en",
        "next": "https://evil.example.com/",
    }
    response = client.post("/accounts/profile/", data)
    assert response["Location"] == "/accounts/profile/"


def test_the_profile_page_needs_a_signed_in_user(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sign_in_is_rate_limited_after_repeated_failures(client, learner):
    from .conftest import PASSWORD

    for _ in range(6):
        client.post("/accounts/login/", {"login": learner.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_page_says_how_long_the_code_lasts_and_offers_a_new_one(client, home, hotel_group):
    client.post("/accounts/signup/", _signup_data(hotel_group))
    html = client.get("/accounts/confirm-email/").content.decode()
    assert "It is valid for 15 minutes." in html
    # Confirm is the one primary button; a new code is a plain link-styled button in a sentence.
    assert re.search(r'<button class="button" type="submit">\s*Confirm\s*</button>', html)
    assert re.search(r'<form id="resend" method="post" action="[^"]*" class="resend-code">', html)
    assert "Send a new code" in html


def test_a_new_code_can_be_sent_and_the_new_one_works(client, home, hotel_group):
    client.post("/accounts/signup/", _signup_data(hotel_group))
    # One email a code every three minutes: asking at once gets a page that says to wait.
    response = client.post("/accounts/confirm-email/", {"action": "resend"})
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert len(mail.outbox) == 1
    cache.clear()  # three minutes later, as far as the rate limit can tell
    response = client.post("/accounts/confirm-email/", {"action": "resend"})
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mail.outbox[1].body,
                     re.MULTILINE).group(1)
    response = client.post("/accounts/confirm-email/", {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nurse@example.org").verified
