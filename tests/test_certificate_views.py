"""Public verification, My training and downloading certificates: who sees what."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.services import issuing, rendering
from tests.conftest import certificates_written


def today():
    # Read when a test runs, as the views read it, not once when the module is imported: a run
    # that crosses midnight would otherwise set dates a day off the views' own.
    return timezone.localdate()


def issue(user, course, *, days_ago=10, **changes):
    certificate = issuing.issue_certificate(
        user=user,
        course=course,
        score_percent=85,
        passed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    if changes:
        Certificate.objects.filter(pk=certificate.pk).update(**changes)
        certificates_written()
        certificate.refresh_from_db()
    return certificate


@pytest.fixture
def certificate(learner, course):
    return issue(learner, course)


# Public verification ----------------------------------------------------------------------------


def test_a_valid_certificate_verifies_with_name_course_and_dates_and_nothing_else(
    client, certificate
):
    response = client.get(f"/certificates/verify/{certificate.display_code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valid" in page
    assert "Learner" in page and "Course hotel" in page
    assert certificate.display_code in page
    assert "learner@example.org" not in page  # no email
    assert "Harbor View Hotel" not in page  # no organisation
    assert "Housekeeper" not in page and "Alameda" not in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_code_typed_in_lower_case_without_dashes_finds_the_certificate(client, certificate):
    typed = certificate.code.lower().replace("1", "l").replace("0", "o")
    response = client.get(f"/certificates/verify/{typed}/")
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.display_code}/"
    assert client.get(response["Location"]).status_code == 200


def test_an_expired_certificate_verifies_as_expired_with_its_date(client, learner, course):
    expired = issue(learner, course, days_ago=800, expires_on=today() - datetime.timedelta(days=3))
    page = client.get(expired.get_verify_path()).content.decode()
    assert "Expired" in page
    assert "expired on" in page
    assert "Valid<" not in page


def test_a_revoked_certificate_verifies_as_revoked_with_the_date(client, certificate, coordinator):
    issuing.revoke_certificate(
        certificate,
        by=coordinator,
        reason="Issued in error",
        now=timezone.make_aware(datetime.datetime(2026, 5, 4, 10)),
    )
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "Revoked" in page
    assert "revoked on May 4, 2026" in page
    assert "Issued in error" not in page  # the reason is for the audit log, not the public
    # Its old expiry would read as "valid until": a withdrawn certificate shows none.
    assert "Valid until" not in page
    assert certificate.expires_on.strftime("%B %-d, %Y") not in page


def test_a_replaced_certificate_points_the_checker_to_the_corrected_one(
    client, certificate, coordinator
):
    issuing.reissue_certificate(
        certificate, by=coordinator, learner_name="Learner Corrected", reason="Typo"
    )
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "Replaced" in page and "no longer valid" in page


def test_a_replaced_certificate_shows_when_it_was_replaced_and_not_the_old_name_or_details(
    client, certificate, coordinator
):
    Certificate.objects.filter(pk=certificate.pk).update(learner_name="Zebediah Wrongname")
    certificates_written()
    certificate.refresh_from_db()
    issuing.reissue_certificate(
        certificate, by=coordinator, learner_name="Zebediah Rightname", reason="Typo",
        now=timezone.make_aware(datetime.datetime(2026, 5, 4, 10)),
    )
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "Replaced" in page and "replaced by a corrected one on May 4, 2026" in page
    assert certificate.display_code in page
    for detail in ("Zebediah", "Course hotel", "Issued<", "Valid until"):
        assert detail not in page


def test_a_revoked_certificate_shows_when_it_was_revoked_and_not_the_learner_or_details(
    client, certificate, coordinator
):
    issuing.revoke_certificate(
        certificate, by=coordinator, reason="Issued in error",
        now=timezone.make_aware(datetime.datetime(2026, 5, 4, 10)),
    )
    page = client.get(certificate.get_verify_path()).content.decode()
    assert "revoked on May 4, 2026" in page and certificate.display_code in page
    for detail in ("Learner", "Course hotel", "Valid until", "Issued<"):
        assert detail not in page


def test_an_unknown_code_answers_404_with_a_page_that_helps(client, db):
    response = client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No certificate has this code" in page
    assert 'name="code"' in page  # try again right there
    assert "16 letters and digits" in page


def test_the_form_sends_a_typed_code_to_its_verification_page(client, certificate):
    response = client.get("/certificates/verify/", {"code": f"  {certificate.code.lower()} "})
    assert response["Location"] == certificate.get_verify_path()


def test_the_form_explains_a_malformed_code_next_to_the_field(client, db):
    page = client.get("/certificates/verify/", {"code": "12345"}).content.decode()
    assert 'role="alert"' in page and "That is not a certificate code" in page


def test_verification_look_ups_are_rate_limited_per_client_ip(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 5
    for _ in range(5):
        assert client.get(certificate.get_verify_path()).status_code == 200
    response = client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many checks" in response.content.decode()
    other_ip = client.get(certificate.get_verify_path(), REMOTE_ADDR="10.1.2.3")
    assert other_ip.status_code == 200


# Downloads -------------------------------------------------------------------------------------


def test_the_learner_downloads_their_certificate_as_a_pdf(learner_client, certificate):
    response = learner_client.get(certificate.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert certificate.code in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Learner" in text and certificate.display_code in text


def test_another_learner_gets_404_for_a_certificate_that_is_not_theirs(
    client, certificate, other_learner
):
    client.force_login(other_learner)
    assert client.get(certificate.get_download_url()).status_code == 404
    assert client.get(reverse("certificates:download", args=[999999])).status_code == 404


def test_a_coordinator_may_download_any_certificate(client, certificate, coordinator):
    client.force_login(coordinator)
    assert client.get(certificate.get_download_url()).status_code == 200


def test_a_trainer_may_not_download_learners_certificates(client, certificate, trainer):
    client.force_login(trainer)
    assert client.get(certificate.get_download_url()).status_code == 404


def test_signing_in_is_needed_to_download(client, certificate):
    response = client.get(certificate.get_download_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _downloader(role, certificate, coordinator, hotel_group):
    """Who downloads, and from where: a manager from the organisation's page."""
    from outreach.models import Organisation, OrganisationManager
    from tests.conftest import make_user

    if role == "learner":
        return certificate.user, certificate.get_download_url()
    if role == "coordinator":
        return coordinator, certificate.get_download_url()
    hotel = Organisation.objects.create(
        name="Harbor View Hotel", group=hotel_group, state="CA", county="Alameda"
    )
    Certificate.objects.filter(pk=certificate.pk).update(organisation=hotel)
    certificates_written()
    manager = make_user("gm@harborview.example")
    OrganisationManager.objects.create(user=manager, organisation=hotel)
    return manager, reverse("outreach:certificate", args=[hotel.pk, certificate.pk])


@pytest.fixture
def queued_tasks(settings):
    """Tasks are recorded instead of run, so a test sees what was queued."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend.results


@pytest.mark.parametrize("role", ["learner", "manager", "coordinator"])
def test_a_pdf_that_cannot_be_rendered_asks_to_try_again_in_a_minute_and_queues_a_render(
    client, certificate, coordinator, hotel_group, monkeypatch, queued_tasks, role
):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("certificates.pdf.render_pdf", disk_full)
    user, url = _downloader(role, certificate, coordinator, hotel_group)
    client.force_login(user)
    for _click in range(2):
        response = client.get(url)
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        page = response.content.decode()
        assert "Your certificate is being prepared" in page and "try again in a minute" in page
        assert "No space left" not in page and "Traceback" not in page
    # One render is queued for the worker, however often the button is pressed meanwhile.
    renders = [r for r in queued_tasks if r.task.name == "render_certificate_pdf"]
    assert [r.args[0] for r in renders] == [certificate.pk]
    certificate.refresh_from_db()
    assert certificate.render_failures == 2


def test_a_pdf_whose_file_was_lost_and_cannot_be_stored_again_is_rendered_by_the_command(
    learner_client, certificate, monkeypatch, queued_tasks
):
    from django.core.management import call_command

    rendering.store_pdf(certificate)
    certificate.pdf.storage.delete(certificate.pdf.name)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage._save", disk_full)
    assert learner_client.get(certificate.get_download_url()).status_code == 503
    monkeypatch.undo()
    call_command("render_certificates")
    response = learner_client.get(certificate.get_download_url())
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# My training -----------------------------------------------------------------------------------


def test_my_training_lists_certificates_with_download_and_renewal_date(learner_client, certificate):
    response = learner_client.get("/my-training/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Course hotel" in page
    assert certificate.get_download_url() in page
    assert "Valid until" in page
    assert certificate.display_code in page
    assert 'href="/my-training/" aria-current="page"' in page  # in the main navigation


def test_my_training_leads_a_learner_with_a_certificate_to_record_a_report(
    learner_client, certificate
):
    page = learner_client.get("/my-training/").content.decode()
    assert "Did you make a report?" in page
    assert f'href="{reverse("outreach:outcome_new")}"' in page
    assert f'href="{reverse("outreach:outcomes")}"' in page
    # The link opens the form itself, not the "pass a course first" notice.
    form = learner_client.get(reverse("outreach:outcome_new"))
    assert form.status_code == 200 and 'name="reported_on"' in form.content.decode()


def test_my_training_offers_no_report_form_before_any_certificate(learner_client):
    page = learner_client.get("/my-training/").content.decode()
    assert "No certificates yet" in page
    assert reverse("outreach:outcome_new") not in page


def test_my_training_shows_courses_in_progress_from_opened_lessons(learner_client, course, lessons):
    learner_client.get(lessons[0].url)
    page = learner_client.get("/my-training/").content.decode()
    assert "In progress" in page
    assert "1 of 3 lessons opened" in page
    assert "No certificates yet" in page


def test_an_expired_certificate_offers_a_retake(learner_client, learner, course):
    issue(learner, course, days_ago=800, expires_on=today() - datetime.timedelta(days=1))
    page = learner_client.get("/my-training/").content.decode()
    assert "Retake to renew" in page
    assert course.url in page


def test_a_certificate_expiring_soon_offers_renewal_but_a_fresh_one_does_not(
    learner_client, learner, course
):
    certificate = issue(learner, course, expires_on=today() + datetime.timedelta(days=30))
    assert "Renew now" in learner_client.get("/my-training/").content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=today() + datetime.timedelta(days=300)
    )
    certificates_written()
    assert "Renew now" not in learner_client.get("/my-training/").content.decode()


def test_my_training_shows_the_newest_pass_as_current_and_keeps_earlier_ones(
    learner_client, learner, course
):
    old = issue(learner, course, days_ago=400)
    new = issue(learner, course, days_ago=2)
    page = learner_client.get("/my-training/").content.decode()
    assert new.display_code in page
    assert "1 earlier certificate" in page
    assert old.get_download_url() in page


def test_my_training_shows_no_one_elses_certificates(client, certificate, other_learner, course):
    theirs = issue(other_learner, course)
    client.force_login(other_learner)
    response = client.get("/my-training/")
    assert response.status_code == 200
    page = response.content.decode()
    assert theirs.display_code in page and theirs.get_download_url() in page
    assert certificate.display_code not in page
    assert certificate.get_download_url() not in page


def test_my_training_needs_a_constant_number_of_queries(
    learner_client,
    learner,
    course,
    course_index,
    hotel_group,
    lessons,
    django_assert_max_num_queries,
):
    from tests.conftest import make_course

    learner_client.get("/my-training/")
    for number in range(4):
        other = make_course(course_index, hotel_group, slug=f"extra-{number}", lessons=2)
        issue(learner, other)
        learner_client.get(other.get_children().first().url)
    with django_assert_max_num_queries(12):
        response = learner_client.get("/my-training/")
    assert response.content.decode().count("Download PDF") == 4


def test_anyone_signed_out_is_sent_to_sign_in_for_my_training(client, db):
    assert client.get("/my-training/").status_code == 302


def test_a_learner_without_admin_access_sees_no_registry(client, learner, db):
    client.force_login(learner)
    assert client.get("/admin/certificates/").status_code == 403


def test_a_verification_page_never_lists_a_second_learner(client, learner, other_learner, course):
    mine = issue(learner, course)
    issue(other_learner, course)
    response = client.get(mine.get_verify_path())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valid" in page and "Learner" in page and mine.display_code in page
    assert "Other" not in page


def test_the_manager_of_the_learners_organisation_may_download_and_another_manager_may_not(
    client, learner, course, hotel_group
):
    from outreach.models import Organisation, OrganisationManager
    from tests.conftest import make_user

    hotel = Organisation.objects.create(
        name="Harbor View Hotel", group=hotel_group, state="CA", county="Alameda", headcount=40
    )
    motel = Organisation.objects.create(
        name="Bayside Motel", group=hotel_group, state="CA", county="Alameda", headcount=8
    )
    profile = learner.learner_profile
    profile.organisation = hotel
    profile.save()
    certificate = issue(learner, course)
    assert (
        certificate.organisation == hotel and certificate.organisation_name == "Harbor View Hotel"
    )

    own_manager = make_user("gm@harborview.example")
    OrganisationManager.objects.create(user=own_manager, organisation=hotel)
    other_manager = make_user("gm@bayside.example")
    OrganisationManager.objects.create(user=other_manager, organisation=motel)
    # From the organisation's page; the certificate's own address is the learner's.
    from_hotel = reverse("outreach:certificate", args=[hotel.pk, certificate.pk])
    client.force_login(own_manager)
    response = client.get(from_hotel)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(certificate.get_download_url()).status_code == 404
    client.force_login(other_manager)
    assert client.get(from_hotel).status_code == 404
    from_motel = reverse("outreach:certificate", args=[motel.pk, certificate.pk])
    assert client.get(from_motel).status_code == 404


def test_my_training_gives_the_task_forces_contact_for_a_revoked_certificate(
    learner_client, certificate, coordinator
):
    from redflag.home.models import TaskForceSettings
    from wagtail.models import Site

    contact = TaskForceSettings.for_site(Site.objects.get(is_default_site=True))
    contact.name = "Bay Area Task Force"
    contact.local_contact_phone, contact.local_contact_email = "555-0142", "help@example.org"
    contact.save()
    issuing.revoke_certificate(certificate, by=coordinator, reason="Issued in error",
                               now=timezone.now())
    html = " ".join(learner_client.get(reverse("certificates:my_training")).content.decode()
                    .split())
    assert "Revoked" in html
    assert "If you think this is a mistake, contact Bay Area Task Force:" in html
    assert '<a href="tel:5550142">555-0142</a>' in html
    assert '<a href="mailto:help@example.org">help@example.org</a>' in html
    assert certificate.get_download_url() not in html
