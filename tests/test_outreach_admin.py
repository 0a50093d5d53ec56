"""The outreach admin: the directory, the in-person training log and organisation managers."""

import datetime

import pytest
from django.urls import reverse

from outreach.models import InPersonSession, Organisation, OrganisationManager
from tests.conftest import confirm_password, make_user


@pytest.fixture
def hotel(db, hotel_group):
    return Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                       county="Alameda", headcount=40)


def test_a_trainer_logs_an_in_person_session_and_is_recorded_as_its_author(
        client, trainer, hotel, hotel_group):
    client.force_login(trainer)
    response = client.post(reverse("inpersonsession:add"), {
        "date": "2026-03-04", "attendees": "18", "place": "Harbor View ballroom",
        "group": hotel_group.pk, "organisation": hotel.pk, "state": "", "county": "",
        "trainer": trainer.pk, "roster": "Ana Rivera\nBen Ode", "notes": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    session = InPersonSession.objects.get()
    assert (session.date, session.attendees, session.created_by) == (
        datetime.date(2026, 3, 4), 18, trainer)
    # The region comes from the organisation when left empty.
    assert (session.state, session.county) == ("CA", "Alameda")
    assert session.roster_names == ["Ana Rivera", "Ben Ode"]


def test_a_session_in_an_unknown_county_or_with_a_longer_roster_is_refused(
        client, coordinator, hotel_group):
    client.force_login(coordinator)
    response = client.post(reverse("inpersonsession:add"), {
        "date": "2026-03-04", "attendees": "1", "place": "Library", "group": hotel_group.pk,
        "organisation": "", "state": "CA", "county": "Atlantis", "trainer": "",
        "roster": "Ana\nBen", "notes": "",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Atlantis is not a county of CA" in page
    assert "The roster lists 2 names but only 1 attendees" in page
    assert not InPersonSession.objects.exists()


def test_coordinators_search_and_filter_the_directory(client, coordinator, hotel, hotel_group):
    Organisation.objects.create(name="Mercy Hospital", group=hotel_group, state="MN",
                                county="Hennepin")
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_outreach_organisation:list")
    page = client.get(url + "?q=harbor").content.decode()
    assert "Harbor View Hotel" in page and "Mercy Hospital" not in page
    page = client.get(url + "?state=MN").content.decode()
    assert "Mercy Hospital" in page and "Harbor View Hotel" not in page
    page = client.get(url).content.decode()
    assert reverse("outreach_import") in page and reverse("outreach_match_employers") in page
    assert hotel.display_invite_code in page


def test_a_coordinator_adds_an_organisation_and_its_county_is_checked(client, coordinator,
                                                                      hotel_group):
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_outreach_organisation:add")
    data = {"name": "Lakeside Inn", "group": hotel_group.pk, "state": "CA",
            "county": "Atlantis", "address": "", "headcount": "12"}
    assert "not a county of CA" in client.post(url, data).content.decode()
    client.post(url, {**data, "county": "alameda county"})
    organisation = Organisation.objects.get(name="Lakeside Inn")
    assert organisation.county == "Alameda" and len(organisation.invite_code) == 8


def test_a_coordinator_makes_someone_the_manager_of_an_organisation_by_email(
        client, coordinator, hotel):
    manager = make_user("gm@example.org")
    client.force_login(coordinator)
    confirm_password(client)  # making someone a manager is a role change
    url = reverse("organisationmanager:add")
    response = client.post(url, {"email": "nobody@example.org", "organisation": hotel.pk})
    assert "No one has signed up with this email address yet" in response.content.decode()
    client.post(url, {"email": "GM@example.org", "organisation": hotel.pk})
    assert OrganisationManager.objects.get().user == manager


def test_trainers_cannot_change_the_directory_or_managers(client, trainer, hotel):
    client.force_login(trainer)
    response = client.get(reverse("wagtailsnippets_outreach_organisation:edit", args=[hotel.pk]))
    assert response.status_code in (302, 403)
    assert client.get(reverse("organisationmanager:add")).status_code in (302, 403)


def test_a_trainer_sees_the_directory_without_invite_codes_in_the_list_inspect_or_export(
        client, trainer, coordinator, hotel):
    # An invite code lets anyone join the organisation and be seen by its manager: it is for
    # those who keep the directory.
    listing = reverse("wagtailsnippets_outreach_organisation:list")
    inspect = reverse("wagtailsnippets_outreach_organisation:inspect", args=[hotel.pk])
    client.force_login(trainer)
    pages = {
        "list": client.get(listing),
        "results": client.get(reverse("wagtailsnippets_outreach_organisation:list_results")),
        "inspect": client.get(inspect),
        "csv": client.get(listing + "?export=csv"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        content = (b"".join(response.streaming_content) if response.streaming
                   else response.content).decode()
        assert "Harbor View Hotel" in content, name
        assert hotel.display_invite_code not in content and hotel.invite_code not in content, name
        assert "Invite" not in content and "/join/" not in content, name
    client.force_login(coordinator)
    assert hotel.display_invite_code in client.get(inspect).content.decode()
    export = client.get(listing + "?export=csv")
    assert hotel.display_invite_code in b"".join(export.streaming_content).decode()


@pytest.fixture
def sessions(trainer, coordinator, hotel, hotel_group):
    colleague = make_user("colleague@example.org", group="Trainers")

    def session(place, **people):
        return InPersonSession.objects.create(
            date=datetime.date(2026, 3, 4), place=place, group=hotel_group, organisation=hotel,
            state="CA", county="Alameda", attendees=12, **people)

    return {
        "delivered": session("Ballroom", trainer=trainer, created_by=coordinator),
        "logged": session("Lobby", trainer=colleague, created_by=trainer),
        "colleagues": session("Library", trainer=colleague, created_by=colleague),
    }


def _session_form(session, **changes):
    return {"date": "2026-03-04", "attendees": "20", "place": session.place,
            "group": session.group_id, "organisation": session.organisation_id, "state": "CA",
            "county": "Alameda", "trainer": session.trainer_id or "", "roster": "",
            "notes": "", **changes}


def test_a_trainer_corrects_sessions_they_delivered_or_logged_but_not_a_colleagues(
        client, trainer, sessions):
    client.force_login(trainer)
    for name in ("delivered", "logged"):
        session = sessions[name]
        url = reverse("inpersonsession:edit", args=[session.pk])
        assert client.get(url).status_code == 200, name
        assert client.post(url, _session_form(session)).status_code == 302, name
        session.refresh_from_db()
        assert session.attendees == 20, name
    theirs = sessions["colleagues"]
    url = reverse("inpersonsession:edit", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _session_form(theirs, attendees="900")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.attendees == 12
    # The log lists every session, but offers to edit only the trainer's own.
    listing = client.get(reverse("inpersonsession:index")).content.decode()
    assert "Library" in listing and url not in listing
    assert reverse("inpersonsession:edit", args=[sessions["delivered"].pk]) in listing


def test_a_coordinator_corrects_any_session_in_the_log(client, coordinator, sessions):
    client.force_login(coordinator)
    theirs = sessions["colleagues"]
    url = reverse("inpersonsession:edit", args=[theirs.pk])
    assert client.post(url, _session_form(theirs, attendees="30")).status_code == 302
    theirs.refresh_from_db()
    assert theirs.attendees == 30


def test_trainers_are_named_by_name_and_email_in_the_session_log_and_its_form(
        client, coordinator, trainer, hotel, hotel_group):
    # Sign-up makes a username up from the email address: it names no one a coordinator knows.
    trainer.username, trainer.first_name, trainer.last_name = "trainer7", "Ana", "Ruiz"
    trainer.save()
    named = "Ana Ruiz (trainer@example.org)"
    InPersonSession.objects.create(
        date=datetime.date(2026, 3, 4), place="Ballroom", group=hotel_group, organisation=hotel,
        state="CA", county="Alameda", attendees=12, trainer=trainer, created_by=coordinator)
    client.force_login(coordinator)
    confirm_password(client)  # the export holds attendees' names

    form = client.get(reverse("inpersonsession:add")).content.decode()
    listing = client.get(reverse("inpersonsession:index")).content.decode()
    export = client.get(reverse("inpersonsession:index") + "?export=csv")
    rows = b"".join(export.streaming_content).decode().splitlines()

    assert f">{named}</option>" in form
    assert named in listing
    assert rows[0].split(",")[6] == "Trainer" and named in rows[1]
    assert "trainer7" not in form + listing + "\n".join(rows)


def test_organisation_managers_are_listed_by_name_and_email(client, coordinator, hotel):
    manager = make_user("gm@example.org", first_name="Grace", last_name="Moss")
    manager.username = "gm3"
    manager.save()
    OrganisationManager.objects.create(user=manager, organisation=hotel)
    client.force_login(coordinator)

    listing = client.get(reverse("organisationmanager:index")).content.decode()

    assert "Grace Moss (gm@example.org)" in listing and "Harbor View Hotel" in listing
    assert "gm3" not in listing
