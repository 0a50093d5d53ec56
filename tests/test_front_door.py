"""One front door: every sign-in, sign-out and password reset goes through allauth, staff sign in
with a TOTP code, and exports of personal data and role changes ask for the password again."""

import time
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, make_user, totp_code

pytestmark = pytest.mark.django_db


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def password_step(client, email, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


# --- Wagtail's and Django's own doors lead to allauth ------------------------------------------


@pytest.mark.parametrize("door", ["/admin/login/", "/_util/login/"])
def test_wagtails_login_pages_redirect_to_the_one_sign_in_keeping_where_to_go(client, door):
    response = client.get(f"{door}?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("door", ["/admin/login/", "/_util/login/"])
def test_a_password_posted_to_wagtails_login_pages_signs_no_one_in(client, trainer, door):
    response = client.post(door, {"username": trainer.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert signed_in_user_id(client) is None


def test_the_django_admin_is_gone(client):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def test_an_unverified_sign_up_cannot_sign_in_through_any_door(client, hotel_group):
    user = get_user_model().objects.create_user(
        username="new@example.org", email="new@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert signed_in_user_id(client) is None
    response = password_step(client, user.email)
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert signed_in_user_id(client) is None
    assert client.get("/my-training/").status_code == 302


def test_wagtails_password_reset_leads_to_allauths_and_sends_nothing(client, trainer):
    response = client.get("/admin/password_reset/")
    assert response["Location"] == reverse("account_reset_password")
    client.post("/admin/password_reset/", {"email": trainer.email})
    assert mail.outbox == []
    assert client.get("/admin/password_reset/confirm/MQ/set-password/").status_code == 302


def test_one_address_gets_at_most_three_reset_emails_in_a_row(client, learner):
    for _ in range(9):
        client.post(reverse("account_reset_password"), {"email": learner.email})
    assert len(mail.outbox) == 3


def test_thirty_wrong_passwords_lock_the_account_whatever_the_door(client, learner):
    for attempt in range(30):
        door = ["/admin/login/", "/_util/login/", reverse("account_login")][attempt % 3]
        if door == reverse("account_login"):
            password_step(client, learner.email, "wrong-password")
        else:
            client.post(door, {"username": learner.email, "password": "wrong-password"})
    response = password_step(client, learner.email)
    assert "Too many failed login attempts" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_the_admins_sign_out_button_signs_out_through_allauth(client, trainer):
    client.force_login(trainer)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_staff_cannot_change_password_or_email_in_wagtails_account_page(client, trainer):
    client.force_login(trainer)
    page = client.get("/admin/account/").content.decode()
    assert 'name="password_old"' not in page and 'name="email"' not in page
    assert client.get("/admin/account/change_password/").status_code == 404


# --- MFA for staff -----------------------------------------------------------------------------


def staff_without_authenticator(email="newstaff@example.org", group="Trainers"):
    user = make_user(email)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_new_trainer_sets_up_totp_with_recovery_codes_before_reaching_the_admin(client):
    trainer = staff_without_authenticator()
    password_step(client, trainer.email)
    assert signed_in_user_id(client) == str(trainer.pk)

    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/admin/pages/").status_code == 302
    # Until then, nothing else either: the course pages send them to the set-up too.
    assert client.get("/courses/")["Location"] == reverse("mfa_activate_totp")

    # The set-up asks for the password once more (allauth's re-authentication), then shows the key.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert "Incorrect code" in response.content.decode()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = Authenticator.objects.get(user=trainer, type=Authenticator.Type.RECOVERY_CODES)
    assert len(RecoveryCodes(codes).get_unused_codes()) == 10

    assert client.get("/admin/").status_code == 200


def test_staff_with_an_authenticator_type_its_code_at_sign_in(client, coordinator):
    response = password_step(client, coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None  # the password alone signs no one in

    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert signed_in_user_id(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert signed_in_user_id(client) == str(coordinator.pk)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_staff_in_once(client, coordinator):
    codes = RecoveryCodes.activate(coordinator).get_unused_codes()
    password_step(client, coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.get("/admin/").status_code == 200
    client.post(reverse("account_logout"))
    password_step(client, coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert signed_in_user_id(client) is None


def test_a_staff_session_without_the_second_factor_is_asked_for_a_code(coordinator):
    # Signed in with the password before the authenticator was set up on another device.
    client = Client()
    client.force_login(coordinator)
    response = client.get("/admin/certificates/")
    assert response["Location"] == (
        f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fcertificates%2F")
    client.post(response["Location"], {"code": totp_code()})
    assert client.get("/admin/certificates/").status_code == 200


def test_a_role_granted_during_a_session_needs_two_factors_in_the_admin_at_once(client, learner):
    client.force_login(learner)
    assert client.get("/my-training/").status_code == 200
    learner.groups.add(Group.objects.get(name="Coordinators"))
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_staff_cannot_remove_their_authenticator(client, trainer):
    client.force_login(trainer)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=trainer, type=Authenticator.Type.TOTP).exists()


def test_a_learner_may_turn_totp_on_and_then_signs_in_with_it(client, learner):
    client.force_login(learner)
    assert client.get("/my-training/").status_code == 200  # not required of learners
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    client.post(reverse("account_logout"))
    assert password_step(client, learner.email)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert signed_in_user_id(client) == str(learner.pk)


def test_a_learner_who_opens_the_admin_is_told_it_is_not_for_them(client, learner):
    client.force_login(learner)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "The admin is for task-force staff" in response.content.decode()


def test_the_demo_staff_accounts_come_with_the_printed_demo_key(db, settings, capsys):
    from django.core.management import call_command
    from redflag.demo import accounts as demo

    settings.DEBUG = True
    call_command("seed_demo", "--demo-accounts")
    printed = capsys.readouterr().out
    assert demo.display_secret() in printed and "demo_totp_code" in printed
    staff = ["trainer@example.org", "reviewer@example.org", "coordinator@example.org",
             "admin@example.org"]
    assert set(Authenticator.objects.filter(type="totp").values_list("user__email", flat=True)) \
        == set(staff)
    assert not Authenticator.objects.filter(user__email="learner@example.org").exists()
    client = Client()
    password_step(client, "coordinator@example.org", demo.DEMO_PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": demo.current_code(time.time())})
    assert client.get("/admin/").status_code == 200


def test_the_demo_code_command_refuses_outside_a_demo(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.REDFLAG_DEMO = False
    with pytest.raises(CommandError):
        call_command("demo_totp_code")


# --- re-authentication -------------------------------------------------------------------------


def test_an_export_of_peoples_records_asks_for_the_password_again_then_downloads(
        client, coordinator, hotel_group):
    from outreach.models import Organisation

    hotel = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                        county="Alameda")
    client.force_login(coordinator)
    url = f"/admin/coverage/organisations/{hotel.pk}/?export=csv"
    response = client.get(url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": "not-my-password"})
    assert response.status_code == 200  # the form again, with its error
    response = client.post(reverse("account_reauthenticate") + "?next=" + quote(url),
                           {"password": PASSWORD})
    assert response["Location"] == url
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")


def test_an_export_of_counts_needs_no_second_password(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/coverage/groups/?export=csv")
    assert response["Content-Type"].startswith("text/csv")


def test_the_organisation_roster_asks_its_manager_for_the_password_again(client, hotel_group):
    from outreach.models import Organisation, OrganisationManager

    hotel = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                        county="Alameda")
    manager = make_user("gm@example.org")
    OrganisationManager.objects.create(user=manager, organisation=hotel)
    client.force_login(manager)
    url = reverse("outreach:roster", args=[hotel.pk])
    assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(url)["Content-Type"].startswith("text/csv")


def test_starting_a_bulk_certificate_download_asks_for_the_password_again(client, coordinator):
    from certificates.models import BulkDownload

    client.force_login(coordinator)
    response = client.post("/admin/certificates/bulk/")
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not BulkDownload.objects.exists()


def test_a_role_change_asks_for_the_password_again_and_is_applied_after_it(client, db):
    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    person = make_user("person@example.org")
    client.force_login(admin)
    coordinators = Group.objects.get(name="Coordinators")
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    data = {"username": person.username, "email": person.email, "first_name": "Per",
            "last_name": "Son", "is_active": "on", "groups": [coordinators.pk]}
    response = client.post(url, data)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not person.groups.exists()
    client.post(response["Location"], {"password": PASSWORD})
    assert list(person.groups.all()) == [coordinators]


def test_making_someone_an_organisation_manager_asks_for_the_password_again(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/admin/organisationmanager/new/", {"email": "x@example.org"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_admins_account_page_leads_to_the_password_and_two_factor_pages(client, trainer):
    client.force_login(trainer)
    page = client.get("/admin/account/").content.decode()
    assert f'href="{reverse("account_change_password")}"' in page
    assert f'href="{reverse("mfa_index")}"' in page


def test_the_first_administrator_confirms_the_address_then_sets_up_totp(
        client, monkeypatch, db):
    import re

    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="root", email="root@example.org")
    response = password_step(client, "root@example.org")
    assert "confirm-email" in response["Location"] and signed_in_user_id(client) is None
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mail.outbox[-1].body,
                     re.MULTILINE).group(1)
    client.post(response["Location"], {"code": code})
    assert signed_in_user_id(client) is not None
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("url", [
    "/admin/inpersonsession/?export=csv",  # attendees' names
    "/admin/reports/site-history/?export=xlsx",  # who did what, certificates by learner name
])
def test_other_exports_that_name_people_ask_for_the_password_again(client, db, url):
    client.force_login(make_user("root@example.org", is_superuser=True, is_staff=True))
    assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))
