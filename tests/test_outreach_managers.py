"""Organisation managers see their own staff's training, share the invite link, download the roster
and certificates, and never see another organisation: a cross-organisation request is a 404."""

import csv
import datetime
import io
import zipfile

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates import codes
from certificates.models import BulkDownload, Certificate
from outreach.models import Organisation, OrganisationManager
from tests.conftest import PASSWORD, certificates_written, confirm_password, make_user


@pytest.fixture
def hotels(db, hotel_group):
    harbor = Organisation.objects.create(name="Harbor View Hotel", group=hotel_group, state="CA",
                                         county="Alameda", headcount=40)
    rival = Organisation.objects.create(name="Rival Resort", group=hotel_group, state="CA",
                                        county="Alameda", headcount=40)
    return harbor, rival


def staff(email, organisation, group):
    user = make_user(email, profile_group=group)
    user.learner_profile.organisation = organisation
    user.learner_profile.save()
    return user


def certify(user, course, organisation, issued_on):
    profile = user.learner_profile
    written = Certificate.objects.create(
        user=user, course=course, learner_name=profile.certificate_name, course_title=course.title,
        group=profile.group, group_name=profile.group.name, organisation=organisation,
        organisation_name=organisation.name, job_role=profile.job_role, state="CA",
        county="Alameda", score_percent=95,
        passed_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(9))),
        issued_on=issued_on, expires_on=issued_on + datetime.timedelta(days=730),
        code=codes.new_code())
    certificates_written()
    return written


@pytest.fixture
def world(hotels, hotel_group, course):
    harbor, rival = hotels
    today = timezone.localdate()
    ana = staff("ana@example.org", harbor, hotel_group)
    ben = staff("ben@example.org", harbor, hotel_group)
    cleo = staff("cleo@example.org", harbor, hotel_group)
    zoe = staff("zoe@example.org", rival, hotel_group)
    certify(ana, course, harbor, today - datetime.timedelta(days=30))  # current
    certify(ben, course, harbor, today - datetime.timedelta(days=700))  # expiring
    rival_certificate = certify(zoe, course, rival, today - datetime.timedelta(days=10))
    manager = make_user("manager@example.org")
    OrganisationManager.objects.create(user=manager, organisation=harbor)
    return {"harbor": harbor, "rival": rival, "manager": manager, "ana": ana, "ben": ben,
            "cleo": cleo, "zoe": zoe, "rival_certificate": rival_certificate}


@pytest.fixture
def manager_client(client, world):
    client.force_login(world["manager"])
    return client


def test_a_manager_lands_on_their_own_organisation(manager_client, world):
    response = manager_client.get(reverse("outreach:my_organisation"))
    assert response.url == reverse("outreach:organisation", args=[world["harbor"].pk])


def test_a_manager_sees_their_staff_with_status_and_the_invite_link(manager_client, world):
    page = manager_client.get(reverse("outreach:organisation", args=[world["harbor"].pk]))
    text = page.content.decode()
    for name, status in (("Ana", "Current"), ("Ben", "Expiring"), ("Cleo", "Not started")):
        assert name in text
        assert status in text
    assert "Zoe" not in text
    assert world["harbor"].get_invite_url() in text
    assert world["harbor"].display_invite_code in text


def test_a_manager_filters_staff_by_status(manager_client, world):
    url = reverse("outreach:organisation", args=[world["harbor"].pk]) + "?status=not_started"
    text = manager_client.get(url).content.decode()
    assert "Cleo" in text and "Ana" not in text


def test_another_organisation_is_a_404_for_a_manager(manager_client, world):
    rival = world["rival"].pk
    for name in ("outreach:organisation", "outreach:roster"):
        assert manager_client.get(reverse(name, args=[rival])).status_code == 404
    url = reverse("outreach:certificates_download_new", args=[rival])
    assert manager_client.post(url).status_code == 404
    assert not BulkDownload.objects.exists()


def test_a_learner_who_manages_nothing_gets_404s(client, world):
    client.force_login(world["ana"])
    assert client.get(reverse("outreach:my_organisation")).status_code == 404
    harbor = world["harbor"].pk
    assert client.get(reverse("outreach:organisation", args=[harbor])).status_code == 404
    assert client.get(reverse("outreach:roster", args=[harbor])).status_code == 404


def test_the_roster_lists_only_the_managers_staff(manager_client, world):
    confirm_password(manager_client)
    response = manager_client.get(reverse("outreach:roster", args=[world["harbor"].pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Name", "Job role", "Status", "Course"]
    assert sorted(row[0] for row in rows[1:]) == ["Ana", "Ben", "Cleo"]
    ana = next(row for row in rows if row[0] == "Ana")
    assert ana[2] == "Current" and ana[5] == "Harbor View Hotel"
    assert "/certificates/verify/" in ana[9]


def test_a_spanish_speaking_manager_gets_the_roster_headings_in_spanish(manager_client, world):
    confirm_password(manager_client)
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = manager_client.get(reverse("outreach:roster", args=[world["harbor"].pk]))
    headings = next(csv.reader(io.StringIO(response.content.decode())))
    assert headings[:4] == ["Nombre", "Puesto de trabajo", "Estado", "Curso"]
    ana = next(row for row in csv.reader(io.StringIO(response.content.decode()))
               if row[0] == "Ana")
    assert ana[2] == "Vigente"


def test_a_manager_downloads_their_staffs_certificates_but_not_another_organisations(
        manager_client, world, settings, tmp_path):
    settings.CERTIFICATE_FILES_ROOT = tmp_path
    harbor, rival = world["harbor"], world["rival"]
    ana_certificate = Certificate.objects.get(user=world["ana"])
    page = manager_client.get(reverse("outreach:organisation", args=[harbor.pk])).content.decode()
    ana_url = reverse("outreach:certificate", args=[harbor.pk, ana_certificate.pk])
    assert f'href="{ana_url}"' in page
    response = manager_client.get(ana_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    rival_certificate = world["rival_certificate"]
    for organisation in (harbor, rival):
        url = reverse("outreach:certificate", args=[organisation.pk, rival_certificate.pk])
        assert manager_client.get(url).status_code == 404
    assert manager_client.get(rival_certificate.get_download_url()).status_code == 404


def test_a_manager_asks_for_the_certificates_zip_which_is_built_in_the_background_then_streamed(
        manager_client, world, django_capture_on_commit_callbacks):
    harbor = world["harbor"]
    page = manager_client.get(reverse("outreach:organisation", args=[harbor.pk])).content.decode()
    new_url = reverse("outreach:certificates_download_new", args=[harbor.pk])
    assert f'action="{new_url}"' in page and 'name="csrfmiddlewaretoken"' in page
    response = manager_client.post(new_url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not BulkDownload.objects.exists()  # the password again first, then the request goes on
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(response["Location"], {"password": PASSWORD})
    bulk = BulkDownload.objects.get()
    detail = reverse("outreach:certificates_download", args=[harbor.pk, bulk.pk])
    assert response.status_code == 302 and response["Location"] == detail
    assert (bulk.requested_by, bulk.organisation, bulk.total) == (world["manager"], harbor, 2)
    bulk.refresh_from_db()
    assert bulk.status == "done" and bulk.progress == 2

    page = manager_client.get(detail).content.decode()
    assert "2 certificates and the roster are ready" in page and "refresh" not in page
    file_url = reverse("outreach:certificates_download_file", args=[harbor.pk, bulk.pk])
    download = manager_client.get(file_url)
    assert download.streaming and download["Content-Type"] == "application/zip"
    assert "harbor-view-hotel-certificates-" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    # Ana (current) and Ben (expiring); Cleo has none; Zoe works elsewhere.
    assert len([name for name in names if name.endswith(".pdf")]) == 2
    roster = list(csv.DictReader(io.StringIO(archive.read("roster.csv").decode())))
    assert sorted(row["Name"] for row in roster) == ["Ana", "Ben"]
    # Audited on the organisation, where coordinators read its history.
    entry = ModelLogEntry.objects.get(action="outreach.certificates_downloaded")
    assert entry.object_id == str(harbor.pk) and entry.user == world["manager"]
    assert entry.data["count"] == 2


def test_asking_for_the_certificates_zip_needs_a_post_with_the_pages_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["manager"])
    url = reverse("outreach:certificates_download_new", args=[world["harbor"].pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not BulkDownload.objects.exists()


def test_an_unfinished_certificates_zip_shows_its_progress_and_refreshes_itself(
        manager_client, world):
    bulk = BulkDownload.objects.create(
        requested_by=world["manager"], organisation=world["harbor"], certificate_ids=[1, 2, 3, 4],
        total=4, progress=1, status=BulkDownload.State.RUNNING)
    harbor = world["harbor"].pk
    page = manager_client.get(
        reverse("outreach:certificates_download", args=[harbor, bulk.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "1 of 4 certificates" in page and "<progress" in page
    file_url = reverse("outreach:certificates_download_file", args=[harbor, bulk.pk])
    assert manager_client.get(file_url)["Location"] == reverse(
        "outreach:certificates_download", args=[harbor, bulk.pk])


def test_a_certificates_zip_opens_only_for_the_manager_who_asked_while_they_manage_there(
        client, world, coordinator, django_capture_on_commit_callbacks):
    from outreach.services import downloads

    harbor, rival = world["harbor"], world["rival"]
    with django_capture_on_commit_callbacks(execute=True):
        bulk = downloads.start_certificates_download(world["manager"], harbor)
    colleague = make_user("deputy@example.org")
    OrganisationManager.objects.create(user=colleague, organisation=harbor)
    rival_manager = make_user("rival@example.org")
    OrganisationManager.objects.create(user=rival_manager, organisation=rival)
    urls = [reverse(name, args=[organisation.pk, bulk.pk])
            for name in ("outreach:certificates_download", "outreach:certificates_download_file")
            for organisation in (harbor, rival)]
    for someone in (colleague, rival_manager, coordinator, world["ana"]):
        client.force_login(someone)
        assert [client.get(url).status_code for url in urls] == [404] * 4
    # Not from the registry's bulk pages either.
    client.force_login(coordinator)
    assert client.get(f"/admin/certificates/bulk/{bulk.pk}/").status_code == 404
    client.force_login(world["manager"])
    assert client.get(urls[2]).status_code == 200
    bulk.refresh_from_db()
    bulk.file.storage.delete(bulk.file.name)
    assert client.get(urls[2]).status_code == 404  # a file lost from disk is gone, not an error
    OrganisationManager.objects.filter(user=world["manager"]).delete()
    assert client.get(urls[0]).status_code == 404 and client.get(urls[2]).status_code == 404


def test_a_manager_whose_staff_hold_no_current_certificate_is_told_so(
        client, world, hotel_group):
    quiet = Organisation.objects.create(name="Quiet Motel", group=hotel_group, state="CA",
                                        county="Alameda")
    manager = make_user("quiet@example.org")
    OrganisationManager.objects.create(user=manager, organisation=quiet)
    client.force_login(manager)
    confirm_password(client)
    response = client.post(reverse("outreach:certificates_download_new", args=[quiet.pk]),
                           follow=True)
    assert "No one at Quiet Motel holds a current certificate yet" in response.content.decode()
    assert not BulkDownload.objects.exists()


def test_a_managers_zip_is_purged_a_week_after_it_was_asked_for(
        world, django_capture_on_commit_callbacks):
    from certificates.services import bulk_downloads
    from outreach.services import downloads

    with django_capture_on_commit_callbacks(execute=True):
        bulk = downloads.start_certificates_download(world["manager"], world["harbor"])
    bulk.refresh_from_db()
    storage, name = bulk.file.storage, bulk.file.name
    asked = datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC)
    BulkDownload.objects.filter(pk=bulk.pk).update(created_at=asked)
    purge = bulk_downloads.purge_old_bulk_downloads
    assert purge(now=asked + datetime.timedelta(days=6)) == 0 and storage.exists(name)
    assert purge(now=asked + datetime.timedelta(days=8)) == 1
    assert not BulkDownload.objects.exists() and not storage.exists(name)


def test_a_learner_who_leaves_no_longer_shows_their_new_employers_training(
        manager_client, world, course):
    zoe = world["zoe"]
    page = manager_client.get(reverse("outreach:organisation", args=[world["harbor"].pk]))
    assert "Zoe" not in page.content.decode()
    # Zoe moves to Harbor View: her training (issued at the rival) now counts for her new employer.
    zoe.learner_profile.organisation = world["harbor"]
    zoe.learner_profile.save()
    page = manager_client.get(reverse("outreach:organisation", args=[world["harbor"].pk]))
    assert "Zoe" in page.content.decode()


def test_coordinators_may_open_any_organisation_page(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("outreach:organisation", args=[world["rival"].pk]))
    assert response.status_code == 200
    assert "Zoe" in response.content.decode()


def test_a_manager_cannot_open_the_coverage_dashboard_or_its_exports(manager_client, world):
    for url in (reverse("coverage:dashboard"),
                reverse("coverage:organisation", args=[world["rival"].pk]) + "?export=csv"):
        response = manager_client.get(url)
        assert response.status_code in (302, 403)
        assert b"Zoe" not in response.content


def test_the_profile_page_leads_a_manager_to_their_organisation(client, world, hotel_group):
    manager = world["manager"]
    client.force_login(manager)
    page = client.get(reverse("profile")).content.decode()
    assert reverse("outreach:organisation", args=[world["harbor"].pk]) in page
    client.force_login(world["ana"])
    page = client.get(reverse("profile")).content.decode()
    assert "You belong to <strong>Harbor View Hotel</strong>" in page
    assert reverse("outreach:organisation", args=[world["harbor"].pk]) not in page


# The header's link, "In progress", each required course on its own, the copy button --------


def test_the_header_links_a_manager_to_their_organisation_and_no_one_else(client, world):
    url = reverse("outreach:organisation", args=[world["harbor"].pk])
    client.force_login(world["manager"])
    page = client.get(reverse("certificates:my_training")).content.decode()
    header = page[page.index("<header"):page.index("</header>")]
    assert f'<a href="{url}">My organisation</a>' in header
    page = client.get(url).content.decode()
    header = page[page.index("<header"):page.index("</header>")]
    assert f'<a href="{url}" aria-current="page">My organisation</a>' in header
    client.force_login(world["ana"])
    page = client.get(reverse("certificates:my_training")).content.decode()
    assert "My organisation" not in page


def test_staff_who_started_but_have_not_passed_are_in_progress(manager_client, world, course):
    from courses.models import LessonCompletion, LessonPage

    lesson = LessonPage.objects.child_of(course).first()
    LessonCompletion.objects.create(user=world["cleo"], lesson=lesson)
    harbor = world["harbor"]
    url = reverse("outreach:organisation", args=[harbor.pk])
    text = manager_client.get(url + "?status=in_progress").content.decode()
    assert "Cleo" in text and "Ana" not in text and "Ben" not in text
    row = text[text.index("Cleo"):]
    assert row[:row.index("</tr>")].count("In progress") == 2  # her status, and the course's
    from outreach.services import staff as staff_rules

    counts = staff_rules.status_counts(harbor, today=timezone.localdate())
    assert counts == {"not_started": 0, "in_progress": 1, "expired": 0, "expiring": 1,
                      "current": 1}


def test_a_revoked_hotel_certificate_is_not_hidden_by_a_certificate_of_another_groups_course(
    manager_client, world, course, course_index, hotel_group
):
    from courses.models import StakeholderGroup
    from tests.conftest import make_course

    utility_group = StakeholderGroup.objects.exclude(pk=hotel_group.pk).first()
    utility = make_course(course_index, utility_group, slug="utility", lessons=1)
    ana, harbor = world["ana"], world["harbor"]
    Certificate.objects.filter(user=ana).update(revoked_at=timezone.now())
    certificates_written()
    certify(ana, utility, harbor, timezone.localdate() - datetime.timedelta(days=5))
    url = reverse("outreach:organisation", args=[harbor.pk])
    text = manager_client.get(url + "?status=current").content.decode()
    assert "Ana" not in text
    text = manager_client.get(url + "?status=not_started").content.decode()
    assert "Ana" in text and "Cleo" in text


def test_each_required_course_is_judged_on_its_own(manager_client, world, course, course_index,
                                                   hotel_group):
    from tests.conftest import make_course

    second = make_course(course_index, hotel_group, slug="hotel-renewal", lessons=1)
    ana, ben, harbor = world["ana"], world["ben"], world["harbor"]
    today = timezone.localdate()
    revoked = certify(ana, second, harbor, today - datetime.timedelta(days=3))
    Certificate.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    certificates_written()
    certify(ben, second, harbor, today - datetime.timedelta(days=3))
    url = reverse("outreach:organisation", args=[harbor.pk])
    text = manager_client.get(url).content.decode()
    head = text[text.index("<thead"):text.index("</thead>")]
    assert course.title in head and second.title in head
    ana_row = text[text.index(">Ana<"):]
    ana_row = ana_row[:ana_row.index("</tr>")]
    # Her first course is current; the second, revoked, counts as not done: she is not current.
    cells = ana_row.split('role="cell"')
    assert "Not started" in cells[2]  # overall
    assert "Current" in cells[3] and "Not started" in cells[4]
    ben_row = text[text.index(">Ben<"):]
    ben_row = ben_row[:ben_row.index("</tr>")]
    assert "Expiring" in ben_row.split('role="cell"')[2]  # the worse of expiring and current
    counts = manager_client.get(url + "?status=current").content.decode()
    assert ">Ana<" not in counts and ">Ben<" not in counts


def test_the_invite_link_has_a_copy_button_run_by_a_static_script(manager_client, world):
    harbor = world["harbor"]
    text = manager_client.get(reverse("outreach:organisation", args=[harbor.pk])).content.decode()
    assert f'id="invite-link" type="text" readonly value="{harbor.get_invite_url()}"' in text
    assert 'data-copy-target="invite-link"' in text and ">Copy link</button>" in text
    assert 'src="/static/js/copy-link.js" defer' in text
    assert "<script>" not in text and "onclick" not in text
    assert 'id="invite-copy-status" class="meta" role="status"' in text


def test_the_staff_table_keeps_its_headers_when_stacked_on_a_phone(manager_client, world):
    text = manager_client.get(
        reverse("outreach:organisation", args=[world["harbor"].pk])).content.decode()
    assert '<table class="stack-table" role="table" aria-labelledby="people-heading">' in text
    assert '<th scope="row" role="rowheader">Ana' in text
    assert '<span class="cell-label" aria-hidden="true">Status: </span>' in text
    assert "{#" not in text and "#}" not in text
