"""The coordinators' registry: search, filter, revoke, reissue, audit log, bulk ZIP and roster."""

import csv
import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certificates.models import BulkDownload, Certificate
from certificates.services import bulk_downloads, issuing, rendering
from tests.conftest import (
    certificates_written,
    confirm_password,
    give_totp,
    make_course,
    make_user,
)

TODAY = timezone.localdate()
INDEX = "/admin/certificates/"


def issue(user, course, *, days_ago=10, **changes):
    certificate = issuing.issue_certificate(
        user=user,
        course=course,
        score_percent=88,
        passed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    if changes:
        Certificate.objects.filter(pk=certificate.pk).update(**changes)
        certificates_written()
        certificate.refresh_from_db()
    return certificate


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def registry(learner, other_learner, course, course_index, hotel_group):
    """Four certificates: valid, expiring in 20 days, expired, and one for another course."""
    from courses.models import StakeholderGroup

    school = StakeholderGroup.objects.exclude(pk=hotel_group.pk).first()
    second = make_course(course_index, school, slug="school", lessons=1)
    return {
        "valid": issue(learner, course),
        "expiring": issue(other_learner, course, expires_on=TODAY + datetime.timedelta(days=20)),
        "expired": issue(
            learner,
            second,
            days_ago=900,
            expires_on=TODAY - datetime.timedelta(days=5),
            organisation_name="Lincoln High School",
            group=school,
            group_name=school.name,
        ),
        "other_course": issue(
            other_learner,
            second,
            organisation_name="Lincoln High School",
            group=school,
            group_name=school.name,
        ),
    }


def listed(client, query=""):
    page = client.get(f"{INDEX}{query}").content.decode()
    return page


def test_coordinators_see_the_registry_in_the_admin_menu_and_learners_do_not(
    client, coordinator_client, registry, learner
):
    assert (
        '"/admin/certificates/"' in coordinator_client.get("/admin/").content.decode()
    )  # sidebar menu
    page = listed(coordinator_client)
    for certificate in registry.values():
        assert certificate.learner_name in page
    client.force_login(learner)
    assert client.get(INDEX).status_code == 403


def test_trainers_have_no_certificate_registry(client, trainer, registry):
    client.force_login(trainer)
    assert '"/admin/certificates/"' not in client.get("/admin/").content.decode()
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal


@pytest.mark.parametrize(
    "status, expected, offer",
    [
        ("current", {"valid", "expiring", "other_course"}, "Download these 3 certificates"),
        ("expiring_30", {"expiring"}, "Download this certificate"),
        ("expiring_90", {"expiring"}, "Download this certificate"),
        ("expired", {"expired"}, "Download this certificate"),
    ],
)
def test_the_registry_filters_by_status(coordinator_client, registry, status, expected, offer):
    from certificates.filters import CertificateFilterSet

    filterset = CertificateFilterSet(data={"status": status}, queryset=Certificate.objects.all())
    assert {key for key, c in registry.items() if c in filterset.qs} == expected
    response = coordinator_client.get(f"{INDEX}results/?status={status}")
    assert response.status_code == 200
    assert f"{offer} as ZIP + roster" in response.content.decode()


def test_the_registry_filters_by_course_group_organisation_and_issue_date(
    registry, course, hotel_group
):
    from certificates.filters import CertificateFilterSet

    def keys(data):
        qs = CertificateFilterSet(data=data, queryset=Certificate.objects.all()).qs
        return {key for key, c in registry.items() if c in qs}

    assert keys({"course": course.pk}) == {"valid", "expiring"}
    assert keys({"group": hotel_group.pk}) == {"valid", "expiring"}
    assert keys({"organisation": "lincoln"}) == {"expired", "other_course"}
    old = (TODAY - datetime.timedelta(days=800)).isoformat()
    assert keys({"issued_on_to": old}) == {"expired"}


def test_the_registry_finds_a_certificate_by_its_code_typed_any_way(coordinator_client, registry):
    wanted = registry["expiring"]
    page = listed(coordinator_client, f"results/?q={wanted.display_code.lower()}")
    assert wanted.learner_name in page
    assert registry["valid"].learner_name not in page


def test_a_coordinator_revokes_with_a_reason_and_the_audit_log_says_who_when_and_why(
    coordinator_client, coordinator, registry, client
):
    certificate = registry["valid"]
    before = timezone.now()
    response = coordinator_client.post(
        f"{INDEX}revoke/{certificate.pk}/", {"reason": "Training fraud"}
    )
    after = timezone.now()
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at and certificate.revoked_by == coordinator
    entry = ModelLogEntry.objects.get(object_id=str(certificate.pk), action="certificate.revoked")
    assert entry.user == coordinator and entry.data["reason"] == "Training fraud"
    assert before <= entry.timestamp <= after
    history = coordinator_client.get(f"{INDEX}history/{certificate.pk}/").content.decode()
    assert "Certificate revoked" in history and "Training fraud" in history
    client.logout()
    assert "Revoked" in client.get(certificate.get_verify_path()).content.decode()


def test_revoking_needs_a_reason(coordinator_client, registry):
    certificate = registry["valid"]
    page = coordinator_client.post(
        f"{INDEX}revoke/{certificate.pk}/", {"reason": ""}
    ).content.decode()
    assert "This field is required" in page
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_reissuing_after_a_name_correction_replaces_the_old_certificate_with_a_new_code(
    coordinator_client, coordinator, registry, learner
):
    old = registry["valid"]
    profile = learner.learner_profile
    profile.certificate_name = "Learner Corrected"
    profile.save()
    form = coordinator_client.get(f"{INDEX}reissue/{old.pk}/").content.decode()
    assert 'value="Learner Corrected"' in form  # suggested from the corrected profile
    response = coordinator_client.post(
        f"{INDEX}reissue/{old.pk}/",
        {"learner_name": "Learner Corrected", "reason": "Name misspelt"},
    )
    old.refresh_from_db()
    new = old.replaced_by
    assert response["Location"] == f"{INDEX}inspect/{new.pk}/"
    assert new.learner_name == "Learner Corrected" and new.code != old.code
    assert (new.issued_on, new.expires_on, new.course_id) == (
        old.issued_on,
        old.expires_on,
        old.course_id,
    )
    assert old.status == "replaced" and new.status == "valid"
    assert ModelLogEntry.objects.filter(
        object_id=str(old.pk), action="certificate.replaced", user=coordinator
    ).exists()
    assert (
        ModelLogEntry.objects.get(object_id=str(new.pk), action="certificate.reissued").data[
            "reason"
        ]
        == "Name misspelt"
    )
    inspect = coordinator_client.get(f"{INDEX}inspect/{old.pk}/").content.decode()
    assert "Replaced" in inspect and "Learner Corrected" in inspect


def test_a_user_without_the_permission_cannot_revoke(client, registry):
    clerk = make_user("clerk@example.org")
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    give_totp(clerk)  # past the staff sign-in gate, so the permission is what refuses
    client.force_login(clerk)
    certificate = registry["valid"]
    response = client.post(f"{INDEX}revoke/{certificate.pk}/", {"reason": "x"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_registry_offers_no_add_edit_or_delete(coordinator_client, registry, superuser_client):
    certificate = registry["valid"]
    for url in (
        f"{INDEX}new/",
        f"{INDEX}edit/{certificate.pk}/",
        f"{INDEX}delete/{certificate.pk}/",
    ):
        assert superuser_client.get(url).status_code == 404


@pytest.fixture
def superuser_client(client, db):
    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


# Bulk download ---------------------------------------------------------------------------------


def test_a_coordinator_downloads_the_filtered_certificates_as_a_zip_with_a_roster(
    coordinator_client, registry, course, django_capture_on_commit_callbacks
):
    results = listed(coordinator_client, f"results/?course={course.pk}")
    assert "Download these 2 certificates as ZIP + roster" in results
    confirm = coordinator_client.get(f"{INDEX}bulk/?course={course.pk}").content.decode()
    assert "2 certificates match" in confirm
    confirm_password(coordinator_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"{INDEX}bulk/?course={course.pk}")
    bulk = BulkDownload.objects.get()
    assert response["Location"] == f"{INDEX}bulk/{bulk.pk}/"
    assert bulk.status == "done" and bulk.progress == bulk.total == 2
    progress = coordinator_client.get(response["Location"]).content.decode()
    assert "Download ZIP" in progress and 'http-equiv="refresh"' not in progress

    download = coordinator_client.get(f"{INDEX}bulk/{bulk.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 2 and "roster.csv" in names
    for certificate in (registry["valid"], registry["expiring"]):
        pdf_name = next(n for n in names if certificate.code in n)
        text = PdfReader(io.BytesIO(archive.read(pdf_name))).pages[0].extract_text()
        assert certificate.learner_name in text
    rows = list(csv.DictReader(io.StringIO(archive.read("roster.csv").decode())))
    assert {row["Name"] for row in rows} == {"Learner", "Other"}
    row = next(r for r in rows if r["Name"] == "Learner")
    valid = registry["valid"]
    assert row["Job role"] == "Housekeeper" and row["Status"] == "Valid"
    assert row["Course"] == "Course hotel"
    assert row["Trained on"] == valid.issued_on.isoformat()
    assert row["Expires on"] == valid.expires_on.isoformat()
    assert row["Verification code"] == valid.display_code
    assert row["Verify at"] == valid.get_verify_url()


def test_a_large_zip_renders_the_missing_pdfs_in_worker_processes_and_keeps_them(
    registry, coordinator, monkeypatch
):
    pools = []

    class CountedPool(bulk_downloads.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(args)

    monkeypatch.setattr(bulk_downloads, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(bulk_downloads, "PARALLEL_FROM", 2)
    monkeypatch.setattr(bulk_downloads.os, "cpu_count", lambda: 2)
    wanted = [registry[key] for key in ("valid", "expiring", "expired")]
    # One PDF stored already, two never rendered.
    rendering.store_pdf(registry["expiring"])
    kept_pdf = registry["expiring"].pdf.name
    Certificate.objects.filter(pk__in=[registry["valid"].pk, registry["expired"].pk]).update(pdf="")
    bulk = BulkDownload.objects.create(
        requested_by=coordinator, total=3, certificate_ids=[c.pk for c in wanted])

    bulk = bulk_downloads.build_bulk_zip(bulk.pk)

    assert bulk.status == "done" and bulk.progress == 3
    assert pools == [(2,)]
    with bulk.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    for certificate in wanted:
        certificate.refresh_from_db()
        name = next(n for n in archive.namelist() if certificate.code in n)
        data = archive.read(name)
        assert certificate.learner_name in PdfReader(io.BytesIO(data)).pages[0].extract_text()
        # The rendered PDFs are stored as well, so the next download renders nothing.
        with certificate.pdf.open("rb") as stored:
            assert stored.read() == data
    assert Certificate.objects.get(pk=registry["expiring"].pk).pdf.name == kept_pdf


def test_a_large_zip_that_cannot_be_written_is_marked_failed(
    registry, coordinator, monkeypatch
):
    # The worker processes' PDFs are recorded in batches; a failure while the ZIP is written
    # still ends in a "failed" download the coordinator sees, not one left running.
    monkeypatch.setattr(bulk_downloads, "PARALLEL_FROM", 2)
    monkeypatch.setattr(bulk_downloads.os, "cpu_count", lambda: 2)

    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(bulk_downloads.zipfile.ZipFile, "writestr", full_disk)
    wanted = [registry[key] for key in ("valid", "expiring", "expired")]
    Certificate.objects.filter(pk__in=[c.pk for c in wanted]).update(pdf="")
    bulk = BulkDownload.objects.create(
        requested_by=coordinator, total=3, certificate_ids=[c.pk for c in wanted])

    bulk = bulk_downloads.build_bulk_zip(bulk.pk)

    assert bulk.status == "failed" and "No space left" in bulk.error
    assert BulkDownload.objects.get(pk=bulk.pk).status == "failed"


def test_a_bulk_download_is_visible_only_to_the_coordinator_who_asked(
    client, coordinator, registry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulk = bulk_downloads.start_bulk_download(
            user=coordinator, certificate_ids=[registry["valid"].pk]
        )
    colleague = make_user("colleague@example.org", group="Coordinators")
    client.force_login(colleague)
    assert client.get(f"{INDEX}bulk/{bulk.pk}/").status_code == 404
    assert client.get(f"{INDEX}bulk/{bulk.pk}/download/").status_code == 404
    client.force_login(coordinator)
    assert client.get(f"{INDEX}bulk/{bulk.pk}/download/").status_code == 200
    bulk.refresh_from_db()
    bulk.file.storage.delete(bulk.file.name)
    assert client.get(f"{INDEX}bulk/{bulk.pk}/download/").status_code == 404


def test_an_unfinished_bulk_download_shows_progress_and_refreshes_itself(
    coordinator_client, coordinator, registry
):
    bulk = BulkDownload.objects.create(
        requested_by=coordinator,
        certificate_ids=[1, 2, 3, 4],
        total=4,
        progress=1,
        status=BulkDownload.State.RUNNING,
    )
    page = coordinator_client.get(f"{INDEX}bulk/{bulk.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "1 of 4 certificates" in page and "<progress" in page


def test_the_roster_keeps_typed_formulas_as_text(db):
    certificate = Certificate(
        learner_name='=HYPERLINK("http://x")',
        job_role="+1",
        course_title="C",
        issued_on=TODAY,
        expires_on=TODAY + datetime.timedelta(days=1),
        code="0" * 16,
        score_percent=90,
    )
    row = list(csv.reader(io.StringIO(bulk_downloads.roster_csv([certificate]))))[1]
    assert row[0] == '\'=HYPERLINK("http://x")' and row[1] == "'+1"


def test_site_history_lists_issued_certificates_and_links_them_to_their_page(client, registry):
    client.force_login(make_user("admin@example.org", is_superuser=True, is_staff=True))
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    page = response.content.decode()
    valid = registry["valid"]
    assert str(valid) in page and "Certificate issued" in page
    assert f'href="{INDEX}inspect/{valid.pk}/"' in page


def test_bulk_zips_are_deleted_after_a_week(
    coordinator, registry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = bulk_downloads.start_bulk_download(
            user=coordinator, certificate_ids=[registry["valid"].pk])
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    BulkDownload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    bulk_downloads.start_bulk_download(user=coordinator, certificate_ids=[registry["valid"].pk])
    assert not BulkDownload.objects.filter(pk=old.pk).exists()
    assert not storage.exists(name)


def test_a_bulk_zip_is_kept_seven_days_from_the_request_and_then_purged(coordinator, tmp_path):
    from django.core.files.base import ContentFile

    asked = timezone.make_aware(datetime.datetime(2026, 5, 1, 9))
    bulk = BulkDownload.objects.create(requested_by=coordinator, total=1, status="done")
    bulk.file.save("week-old.zip", ContentFile(b"PK"), save=False)
    BulkDownload.objects.filter(pk=bulk.pk).update(created_at=asked, file=bulk.file.name)
    storage, name = bulk.file.storage, bulk.file.name
    assert bulk_downloads.purge_old_bulk_downloads(now=asked + datetime.timedelta(days=6)) == 0
    assert storage.exists(name)
    assert bulk_downloads.purge_old_bulk_downloads(now=asked + datetime.timedelta(days=8)) == 1
    assert not BulkDownload.objects.filter(pk=bulk.pk).exists() and not storage.exists(name)


def test_the_purge_command_deletes_old_bulk_zips_without_anyone_starting_another(
    coordinator, capsys
):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    old = BulkDownload.objects.create(requested_by=coordinator, total=1, status="done")
    old.file.save("old.zip", ContentFile(b"PK"))
    BulkDownload.objects.filter(pk=old.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2001, 1, 1))
    )
    fresh = BulkDownload.objects.create(requested_by=coordinator, total=1, status="done")
    call_command("purge_bulk_downloads")
    assert "Deleted 1 bulk download" in capsys.readouterr().out
    assert not old.file.storage.exists(old.file.name)
    assert list(BulkDownload.objects.all()) == [fresh]


def test_the_inspect_page_offers_revoke_and_reissue_only_while_a_certificate_stands(
    coordinator_client, learner, course
):
    certificate = issue(learner, course)
    html = coordinator_client.get(f"{INDEX}inspect/{certificate.pk}/").content.decode()
    from certificates.admin_views import admin_url

    assert admin_url("revoke", certificate.pk) in html
    assert "Reissue with corrected name" in html
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    certificates_written()
    html = coordinator_client.get(f"{INDEX}inspect/{certificate.pk}/").content.decode()
    assert "Reissue with corrected name" not in html
    assert admin_url("revoke", certificate.pk) not in html


# Site history ----------------------------------------------------------------------------------


def test_site_history_opens_certificate_entries_on_the_inspect_page_and_does_not_fail(
    client, coordinator, registry, hotel_group, django_capture_on_commit_callbacks
):
    from wagtail.log_actions import log

    from certificates.admin_views import admin_url
    from outreach.models import InPersonSession, Organisation, OrganisationManager

    admin = make_user("root@example.org", is_superuser=True, is_staff=True)
    certificate = registry["valid"]
    issuing.revoke_certificate(certificate, by=coordinator, reason="Training fraud")
    replacement = issuing.reissue_certificate(
        registry["expiring"], by=coordinator, learner_name="Other Corrected", reason="Typo"
    )
    with django_capture_on_commit_callbacks(execute=True):
        theirs = bulk_downloads.start_bulk_download(
            user=coordinator, certificate_ids=[replacement.pk])
        mine = bulk_downloads.start_bulk_download(user=admin, certificate_ids=[replacement.pk])
    # The outreach models logged alongside have edit views of their own.
    hotel = Organisation.objects.create(
        name="Harbor View Hotel", group=hotel_group, state="CA", county="Alameda"
    )
    session = InPersonSession.objects.create(
        date=datetime.date(2026, 3, 4), place="Ballroom", group=hotel_group, organisation=hotel,
        state="CA", county="Alameda", attendees=12,
    )
    manager = OrganisationManager.objects.create(user=make_user("gm@example.org"),
                                                 organisation=hotel)
    for instance in (hotel, session, manager):
        log(instance, "wagtail.create", user=admin)
    client.force_login(admin)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    page = response.content.decode()
    # Certificates have no edit view: their entries open the inspect page.
    assert f'href="{admin_url("inspect", certificate.pk)}"' in page
    assert f'href="{admin_url("inspect", replacement.pk)}"' in page
    # A bulk download opens only for the person who asked for it: no link that would answer 404.
    assert f'href="{admin_url("bulk_detail", mine.pk)}"' in page
    assert admin_url("bulk_detail", theirs.pk) not in page
    assert f'href="/admin/snippets/outreach/organisation/edit/{hotel.pk}/"' in page
    assert f'href="/admin/inpersonsession/edit/{session.pk}/"' in page
    assert f'href="/admin/organisationmanager/edit/{manager.pk}/"' in page
    client.force_login(coordinator)
    response = client.get("/admin/reports/site-history/")
    assert f'href="{admin_url("inspect", certificate.pk)}"' in response.content.decode()


def test_a_zip_leaves_out_revoked_and_replaced_pdfs_and_its_roster_says_why(
    coordinator, registry, django_capture_on_commit_callbacks
):
    valid, expiring = registry["valid"], registry["expiring"]
    issuing.revoke_certificate(expiring, by=coordinator, reason="Issued in error",
                               now=timezone.now())
    corrected = issuing.reissue_certificate(
        valid, by=coordinator, learner_name="Learner Corrected", reason="Typo")
    with django_capture_on_commit_callbacks(execute=True):
        bulk = bulk_downloads.start_bulk_download(
            user=coordinator, certificate_ids=[valid.pk, expiring.pk, corrected.pk])
    bulk.refresh_from_db()
    archive = zipfile.ZipFile(bulk.file.open("rb"))
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    # Only the corrected certificate's PDF: the others would look valid once printed.
    assert len(pdfs) == 1 and corrected.code in pdfs[0]
    rows = list(csv.DictReader(io.StringIO(archive.read("roster.csv").decode())))
    assert sorted(row["Status"] for row in rows) == ["Replaced", "Revoked", "Valid"]


# Search, times and empty values -----------------------------------------------------------------


def inspected_fields(client, certificate) -> dict:
    """The inspect page's fields, label to shown value."""
    import re

    html = client.get(f"{INDEX}inspect/{certificate.pk}/").content.decode()
    listing = html[html.index("<dl>"):html.index("</dl>")]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", listing, re.S)
    return {label.strip(): " ".join(value.split()) for label, value in pairs}


@pytest.mark.parametrize("typed", ["lucia", "LUCIA", "Lucía", "lucía peña", "PENA"])
def test_the_search_finds_a_name_whatever_its_accents_and_case(
    coordinator_client, learner, other_learner, course, typed
):
    accented = issue(learner, course, learner_name="Lucía Peña")
    plain = issue(other_learner, course, learner_name="Lucia Pena")
    page = listed(coordinator_client, f"results/?q={typed}")
    assert "Lucía Peña" in page and "Lucia Pena" in page
    from certificates.filters import search_certificates

    found = set(search_certificates(Certificate.objects.all(), typed))
    assert found == {accented, plain}


def test_the_search_and_the_organisation_filter_ignore_accents_in_organisation_names(
    learner, other_learner, course
):
    from certificates.filters import CertificateFilterSet, search_certificates

    cafe = issue(learner, course, organisation_name="Hôtel Café Olé")
    issue(other_learner, course, organisation_name="Harbor View Hotel")
    assert list(search_certificates(Certificate.objects.all(), "cafe ole")) == [cafe]
    filtered = CertificateFilterSet(data={"organisation": "HOTEL CAFE"},
                                    queryset=Certificate.objects.all()).qs
    assert list(filtered) == [cafe]


def test_the_inspect_page_shows_times_in_the_task_forces_zone_and_no_none(
    coordinator_client, learner, course, settings
):
    settings.TIME_ZONE = "America/Los_Angeles"
    passed = datetime.datetime(2026, 3, 4, 18, 30, tzinfo=datetime.UTC)  # 10:30 in Los Angeles
    certificate = issue(learner, course, passed_at=passed)
    fields = inspected_fields(coordinator_client, certificate)
    assert fields["Passed at"] == "March 4, 2026, 10:30 a.m. PST"
    assert fields["Revoked at"] == "Not revoked"
    assert fields["Revoked by"] == fields["Reason for revoking"] == "—"
    assert "None" not in fields.values()

    revoked = datetime.datetime(2026, 7, 1, 6, 5, tzinfo=datetime.UTC)  # 23:05 the day before
    issuing.revoke_certificate(certificate, by=make_user("registrar@example.org"),
                               reason="Issued in error", now=revoked)
    fields = inspected_fields(coordinator_client, certificate)
    assert fields["Revoked at"] == "June 30, 2026, 11:05 p.m. PDT"
    assert fields["Reason for revoking"] == "Issued in error"
    assert "None" not in fields.values()


def test_a_certificate_whose_account_was_deleted_says_so_on_the_inspect_page(
    coordinator_client, learner, course
):
    certificate = issue(learner, course)
    learner.delete()
    certificates_written()
    fields = inspected_fields(coordinator_client, certificate)
    assert fields["Learner account"] == "No learner account"
    assert "None" not in fields.values()


def test_the_inspect_page_offers_revoke_and_reissue_only_to_those_allowed(
    client, coordinator_client, learner, course
):
    from django.contrib.auth.models import Permission

    from certificates.admin_views import admin_url

    certificate = issue(learner, course)
    registrar_page = coordinator_client.get(f"{INDEX}inspect/{certificate.pk}/").content.decode()
    assert f'href="{admin_url("revoke", certificate.pk)}"' in registrar_page
    assert f'href="{admin_url("reissue", certificate.pk)}"' in registrar_page
    # The confirmation pages the buttons lead to, with the reason the audit log keeps.
    confirm = coordinator_client.get(admin_url("revoke", certificate.pk)).content.decode()
    assert 'name="reason"' in confirm and certificate.display_code in confirm

    viewer = make_user("viewer@example.org")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    give_totp(viewer)
    client.force_login(viewer)
    viewer_page = client.get(f"{INDEX}inspect/{certificate.pk}/").content.decode()
    assert certificate.learner_name in viewer_page
    assert admin_url("revoke", certificate.pk) not in viewer_page
    assert admin_url("reissue", certificate.pk) not in viewer_page
