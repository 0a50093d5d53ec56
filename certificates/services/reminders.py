"""Reminder emails before and on expiry, each sent once per certificate and milestone.

Reminders follow the course's jurisdiction through the certificate's own expiry date, which
issuing set from the jurisdiction's validity: a Minnesota certificate (12 months) gets its
60-day reminder ten months after the pass, a California one (24 months) twenty-two months after.
The lead times (REMINDER_DAYS) are the same under every law, since they are the time a learner
needs to retake a course. A jurisdiction changed later moves no reminder: the certificate keeps
the expiry printed on it. A reminder whose lead time is as long as the certificate's whole
validity (a one-month certificate and the 60-day reminder) is not sent: it would arrive with the
certificate itself.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from redflag.lib.links import absolute_url

from ..models import REMINDER_DAYS, Certificate, CertificateReminder, Milestone

logger = logging.getLogger(__name__)

# A certificate that expired long before reminders were switched on gets no "has expired" email.
EXPIRED_REMINDER_WINDOW_DAYS = 30


def _reminder_candidates(milestone: str, today: datetime.date):
    base = (
        Certificate.objects.current()
        .filter(user__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .exclude(reminders__milestone=milestone)
        .select_related("user", "course", "user__learner_profile")
    )
    if milestone == Milestone.EXPIRED:
        return base.filter(
            expires_on__lt=today,
            expires_on__gte=today - datetime.timedelta(days=EXPIRED_REMINDER_WINDOW_DAYS),
        )
    days = REMINDER_DAYS[milestone]
    # The 60-day email is skipped for a certificate already inside 14 days (the cron was off).
    nearer = min((d for d in REMINDER_DAYS.values() if d < days), default=-1)
    return base.filter(
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=days),
        expires_on__gt=today + datetime.timedelta(days=nearer),
    )


def reminder_email(certificate: Certificate, milestone: str, today=None) -> EmailMultiAlternatives:
    profile = getattr(certificate.user, "learner_profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    course_url = certificate.course.get_url() if certificate.course else None
    context = {
        "certificate": certificate,
        "milestone": milestone,
        "expired": milestone == Milestone.EXPIRED,
        "days_left": certificate.days_left(today),
        "renew_url": absolute_url(course_url or reverse("certificates:my_training")),
        "my_training_url": absolute_url(reverse("certificates:my_training")),
        "verify_url": certificate.get_verify_url(),
    }
    with translation.override(language):
        # Plain text: the .txt templates switch escaping off; the HTML part escapes the subject.
        subject = " ".join(
            render_to_string("certificates/emails/reminder_subject.txt", context).split()
        )
        context["subject"] = subject
        text = render_to_string("certificates/emails/reminder.txt", context)
        html = render_to_string("certificates/emails/reminder.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[certificate.user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_due_reminders(*, today=None) -> dict:
    """Email the 60-day, 14-day and expired reminders that are due. Safe to run twice, or at once.

    The reminder row is written before the email goes out, in the same transaction: a second run
    sees the row (or waits on its lock and then fails the unique constraint) and sends nothing; a
    failed send rolls the row back so the next run tries again.
    """
    today = today or timezone.localdate()
    sent = {milestone: 0 for milestone in Milestone.values}
    for milestone in (Milestone.EXPIRED, Milestone.DAYS_14, Milestone.DAYS_60):
        for certificate in _reminder_candidates(milestone, today).iterator(chunk_size=200):
            if milestone in REMINDER_DAYS and certificate.issued_on >= (
                    certificate.expires_on - datetime.timedelta(days=REMINDER_DAYS[milestone])):
                continue
            try:
                with transaction.atomic():
                    _, created = CertificateReminder.objects.get_or_create(
                        certificate=certificate, milestone=milestone
                    )
                    if created:
                        reminder_email(certificate, milestone, today).send()
                        sent[milestone] += 1
            except IntegrityError:
                continue  # another run took this one
            except Exception:
                logger.exception("Reminder %s for certificate %s failed", milestone, certificate.pk)
    return sent
