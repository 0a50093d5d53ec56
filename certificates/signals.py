"""A passed quiz issues its certificate, inside the grading transaction (see quizzes/signals.py)."""

from django.dispatch import receiver

from quizzes.signals import quiz_passed

from .services.issuing import issue_certificate


@receiver(quiz_passed, dispatch_uid="certificates.issue_on_quiz_pass")
def issue_on_quiz_pass(sender, attempt, **kwargs):
    issue_certificate(
        user=attempt.user,
        course=attempt.course,
        score_percent=attempt.score_percent,
        passed_at=attempt.submitted_at,
        attempt=attempt,
    )
