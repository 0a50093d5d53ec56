"""The whole journey through the real quiz: pass, download from My training, verify, revoke."""

import io
import re

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from quizzes.models import Attempt
from quizzes.testing import answers_post, make_quiz, open_all_lessons


def take_quiz(client, quiz, *, right=None):
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.filter(quiz=quiz).latest("started_at")
    client.post(
        reverse("quizzes:attempt", args=[attempt.public_id]), answers_post(attempt, right=right)
    )
    attempt.refresh_from_db()
    return attempt


def test_a_learner_passes_downloads_verifies_and_sees_a_revocation(
    client, learner, course, lessons, coordinator, django_capture_on_commit_callbacks
):
    quiz = make_quiz(course, questions=5)
    open_all_lessons(learner, course)
    client.force_login(learner)

    with django_capture_on_commit_callbacks(execute=True):
        attempt = take_quiz(client, quiz)
    assert attempt.passed
    certificate = Certificate.objects.get(user=learner)
    assert certificate.quiz_attempt_id == attempt.pk
    assert certificate.score_percent == attempt.score_percent == 100
    assert certificate.issued_on == timezone.localdate(attempt.submitted_at)
    assert certificate.pdf  # rendered after the grading committed

    page = client.get("/my-training/").content.decode()
    download_url = certificate.get_download_url()
    assert download_url in page
    pdf = client.get(download_url)
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Learner" in text and "Course hotel" in text and certificate.display_code in text

    verify_url = re.search(r"https?://\S+/certificates/verify/\S+/", text.replace("\n", ""))
    assert verify_url and verify_url.group(0).endswith(certificate.get_verify_path())
    client.logout()
    assert "Valid" in client.get(certificate.get_verify_path()).content.decode()

    client.force_login(coordinator)
    client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Shared account"})
    client.logout()
    assert "Revoked" in client.get(certificate.get_verify_path()).content.decode()


def test_a_failed_quiz_issues_no_certificate(client, learner, course, lessons):
    quiz = make_quiz(course, questions=5)
    open_all_lessons(learner, course)
    client.force_login(learner)
    attempt = take_quiz(client, quiz, right=1)
    assert not attempt.passed
    assert not Certificate.objects.exists()


def test_a_certificate_failure_rolls_back_the_pass_so_nothing_is_half_recorded(
    client, learner, course, lessons, monkeypatch
):
    quiz = make_quiz(course, questions=5)
    open_all_lessons(learner, course)
    client.force_login(learner)

    def broken(**kwargs):
        raise RuntimeError("database trouble while issuing")

    monkeypatch.setattr("certificates.services.issuing.issue_certificate", broken)
    client.raise_request_exception = False
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    response = client.post(
        reverse("quizzes:attempt", args=[attempt.public_id]), answers_post(attempt)
    )
    assert response.status_code == 500
    attempt.refresh_from_db()
    assert attempt.is_open and not attempt.passed  # the grading rolled back with the certificate
    assert not Certificate.objects.exists()
