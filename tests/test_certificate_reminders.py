"""Expiry reminders: 60 and 14 days before and on expiry, once each, however often cron runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate, CertificateReminder
from certificates.services import issuing, reminders
from tests.conftest import certificates_written

TODAY = datetime.date(2027, 6, 1)


def issue(user, course, *, expires_in, passed_days_ago=300):
    certificate = issuing.issue_certificate(
        user=user,
        course=course,
        score_percent=90,
        passed_at=timezone.now() - datetime.timedelta(days=passed_days_ago),
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_on=TODAY - datetime.timedelta(days=400),
        expires_on=TODAY + datetime.timedelta(days=expires_in),
    )
    certificates_written()
    certificate.refresh_from_db()
    return certificate


def milestones(certificate):
    return set(certificate.reminders.values_list("milestone", flat=True))


def test_each_milestone_is_emailed_once_even_when_the_command_runs_twice(learner, course):
    issue(learner, course, expires_in=55)
    call_command("send_certificate_reminders", date=TODAY.isoformat())
    call_command("send_certificate_reminders", date=TODAY.isoformat())
    assert len(mail.outbox) == 1
    assert CertificateReminder.objects.count() == 1


def test_reminders_go_out_at_60_days_14_days_and_on_expiry(learner, course):
    certificate = issue(learner, course, expires_in=60)
    for days_before in (60, 59, 30, 14, 13, 1, 0, -1, -2):
        reminders.send_due_reminders(
            today=certificate.expires_on - datetime.timedelta(days=days_before)
        )
    assert [m.subject for m in mail.outbox] == [
        'Your "Course hotel" certificate expires on ' + _date(certificate.expires_on),
        'Your "Course hotel" certificate expires on ' + _date(certificate.expires_on),
        'Your "Course hotel" certificate has expired',
    ]
    assert milestones(certificate) == {"60_days", "14_days", "expired"}


def _date(day):
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def test_the_email_says_what_expires_when_and_links_to_renewal_in_text_and_html(
    learner, course, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://training.example.org"
    certificate = issue(learner, course, expires_in=10)
    reminders.send_due_reminders(today=TODAY)
    message = mail.outbox[0]
    assert message.to == ["learner@example.org"]
    assert "Course hotel" in message.body and "in 10 days" in message.body
    assert f"https://training.example.org{course.url}" in message.body
    assert certificate.display_code in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert f'href="https://training.example.org{course.url}"' in html and "Renew now" in html
    assert "https://training.example.org/my-training/" in html


def test_a_title_and_name_with_apostrophes_read_as_typed_in_subject_and_text_and_escaped_in_html(
    learner, course
):
    certificate = issue(learner, course, expires_in=10)
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title="Children's Safety & <Care>", learner_name="Ana O'Brien"
    )
    certificates_written()
    reminders.send_due_reminders(today=TODAY)
    message = mail.outbox[0]
    expires = _date(certificate.expires_on)
    assert message.subject == f'Your "Children\'s Safety & <Care>" certificate expires on {expires}'
    assert "Hello Ana O'Brien," in message.body
    assert "Children's Safety & <Care>" in message.body and "&#x27;" not in message.body
    html, _mimetype = message.alternatives[0]
    assert "Children&#x27;s Safety &amp; &lt;Care&gt;" in html and "<Care>" not in html


def test_a_certificate_inside_14_days_gets_only_the_14_day_reminder(learner, course):
    certificate = issue(learner, course, expires_in=7)
    reminders.send_due_reminders(today=TODAY)
    assert milestones(certificate) == {"14_days"}


def test_no_reminders_for_revoked_or_renewed_certificates(
    learner, other_learner, course, coordinator
):
    revoked = issue(learner, course, expires_in=30)
    issuing.revoke_certificate(revoked, by=coordinator, reason="Fraud")
    renewed = issue(other_learner, course, expires_in=30, passed_days_ago=700)
    issue(other_learner, course, expires_in=700, passed_days_ago=1)  # passed again since
    reminders.send_due_reminders(today=TODAY)
    assert mail.outbox == []
    assert not milestones(renewed)


def test_a_long_expired_certificate_gets_no_expiry_email(learner, course):
    issue(learner, course, expires_in=-90)
    reminders.send_due_reminders(today=TODAY)
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_on_the_next_run(learner, course, monkeypatch):
    certificate = issue(learner, course, expires_in=50)

    def broken(self, *args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    reminders.send_due_reminders(today=TODAY)
    assert not milestones(certificate)
    monkeypatch.undo()
    reminders.send_due_reminders(today=TODAY)
    assert milestones(certificate) == {"60_days"} and len(mail.outbox) == 1


def test_the_reminder_is_in_the_learners_language(learner, course):
    profile = learner.learner_profile
    profile.language = "es"
    profile.save()
    issue(learner, course, expires_in=50)
    reminders.send_due_reminders(today=TODAY)  # the certificate expires on 21 July 2027
    message = mail.outbox[0]
    assert message.subject == 'Su certificado de "Course hotel" vence el 21 de julio de 2027'
    assert message.body.startswith("Hola, Learner:")
    assert ('Su certificado de "Course hotel" vence el 21 de julio de 2027, en 50 días.'
            in message.body)
    assert "Renovar ahora:" in message.body
    html, _mimetype = message.alternatives[0]
    assert '<html lang="es">' in html
    assert "Su certificado vence el 21 de julio de 2027" in html and "Renovar ahora" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(learner, course):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    issue(learner, course, expires_in=50)
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            reminders.send_due_reminders(today=TODAY)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 1
    assert CertificateReminder.objects.count() == 1


def test_the_reminders_also_run_as_a_background_task(learner, course):
    from certificates.tasks import send_certificate_reminders

    issue(learner, course, expires_in=(timezone.localdate() - TODAY).days + 30)
    result = send_certificate_reminders.enqueue()
    assert result.return_value["60_days"] == 1
    assert len(mail.outbox) == 1
