"""Certificates: the training record a learner shows an employer or an inspector.

A certificate copies who the learner was (name, group, organisation, region) and what they passed
at the moment of the pass. Later profile edits never rewrite it; a name correction is a new
certificate that replaces the old one (see services.reissue_certificate).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redflag.lib.links import absolute_url

from . import codes
from .storage import certificate_storage


class Status(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")


class CertificateQuerySet(models.QuerySet):
    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)

    def valid_on(self, day: datetime.date):
        return self.not_revoked().filter(expires_on__gte=day)

    def expired_on(self, day: datetime.date):
        return self.not_revoked().filter(expires_on__lt=day)

    def expiring_within(self, days: int, day: datetime.date):
        return self.valid_on(day).filter(expires_on__lte=day + datetime.timedelta(days=days))

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    @staticmethod
    def _newer_unrevoked():
        """A later, unrevoked certificate of the same learner and course (for Exists())."""
        return Certificate.objects.filter(
            user=models.OuterRef("user"),
            course=models.OuterRef("course"),
            revoked_at__isnull=True,
            passed_at__gt=models.OuterRef("passed_at"),
        )

    def superseded(self):
        """Certificates whose learner holds a later, unrevoked one for the same course."""
        return self.filter(models.Exists(self._newer_unrevoked()))

    def current(self):
        """The latest unrevoked certificate per learner and course: what renewal is counted from."""
        return self.not_revoked().filter(~models.Exists(self._newer_unrevoked()))


class Certificate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner account"),
        on_delete=models.SET_NULL,  # the training record outlives a deleted account
        null=True,
        blank=True,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    quiz_attempt_id = models.BigIntegerField(
        _("quiz attempt"),
        null=True,
        blank=True,
        unique=True,  # exactly one certificate per pass, even if the pass is reported twice
        help_text=_("The passed quiz attempt this certificate was issued for."),
    )

    # Snapshots taken at the moment of the pass.
    learner_name = models.CharField(_("name on certificate"), max_length=200)
    course_title = models.CharField(_("course title"), max_length=255)
    # A course taken in Spanish is printed in Spanish; `course` names its source all the same
    # (courses.locales), so the certificate counts for the course whatever its language.
    language = models.CharField(
        _("language"), max_length=10, default=settings.LANGUAGE_CODE,
        help_text=_("The language the course was taken in: the certificate is printed in it."),
    )
    group = models.ForeignKey(
        "courses.StakeholderGroup",
        verbose_name=_("stakeholder group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    group_name = models.CharField(_("stakeholder group name"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "outreach.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        help_text=_("The directory organisation the learner belonged to when they passed."),
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    job_role = models.CharField(_("job role"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)

    score_percent = models.PositiveSmallIntegerField(_("score (%)"))
    passed_at = models.DateTimeField(_("passed at"))
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    code = models.CharField(_("verification code"), max_length=codes.CODE_LENGTH, unique=True)

    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )

    pdf = models.FileField(
        _("PDF"), storage=certificate_storage, upload_to="certificates/%Y/%m/", blank=True
    )
    render_failures = models.PositiveSmallIntegerField(_("failed PDF renders"), default=0)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        permissions = [
            ("revoke_certificate", _("Can revoke certificates")),
            ("reissue_certificate", _("Can reissue certificates after a correction")),
            ("download_certificate", _("Can download any learner's certificates")),
        ]
        indexes = [
            # My training and QuerySet.current(): a learner's certificates per course, latest first.
            models.Index(fields=["user", "course", "-passed_at"], name="cert_user_course_passed"),
            # Reminders and the registry's "expiring in N days" / "expired" filters.
            models.Index(fields=["expires_on"], name="cert_expires_on"),
            # The registry's default order and its issue-date filter.
            models.Index(fields=["-issued_on", "-id"], name="cert_issued_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="cert_expires_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(score_percent__lte=100), name="cert_score_is_a_percentage"
            ),
            # A replaced certificate is revoked too (services.reissue_certificate), so "not
            # revoked" is all that counting current training has to ask.
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(revoked_at__isnull=False),
                name="cert_replaced_is_revoked",
            ),
        ]

    def __str__(self):
        return f"{self.learner_name} · {self.course_title} · {self.display_code}"

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    def status_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.replaced_by_id:
            return Status.REPLACED
        if self.revoked_at:
            return Status.REVOKED
        if self.expires_on < day:
            return Status.EXPIRED
        return Status.VALID

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return Status(self.status).label

    def days_left(self, day: datetime.date | None = None) -> int:
        return (self.expires_on - (day or timezone.localdate())).days

    def get_verify_path(self) -> str:
        return reverse("certificates:verify", args=[self.display_code])

    def get_verify_url(self) -> str:
        return absolute_url(self.get_verify_path())

    def get_download_url(self) -> str:
        return reverse("certificates:download", args=[self.pk])


# The expiry window: a certificate this close to its expiry date is "expiring". The first reminder
# goes out then, My training offers the renewal, and coverage counts the person as expiring.
EXPIRY_WARNING_DAYS = 60


class Milestone(models.TextChoices):
    DAYS_60 = "60_days", _("60 days before expiry")
    DAYS_14 = "14_days", _("14 days before expiry")
    EXPIRED = "expired", _("On expiry")


REMINDER_DAYS = {Milestone.DAYS_60: EXPIRY_WARNING_DAYS, Milestone.DAYS_14: 14}


class CertificateReminder(models.Model):
    """One row per reminder sent: the unique constraint makes a second run a no-op."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    milestone = models.CharField(_("milestone"), max_length=16, choices=Milestone.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        constraints = [
            # Also the index behind "has this milestone been sent?" in services.send_due_reminders.
            models.UniqueConstraint(
                fields=["certificate", "milestone"], name="one_reminder_per_milestone"
            )
        ]

    def __str__(self):
        return f"{self.certificate} · {self.get_milestone_display()}"


class BulkDownload(models.Model):
    """A ZIP of certificate PDFs plus a CSV roster, built in the background for the coordinator
    or organisation manager who asked for it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="certificate_bulk_downloads",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    query = models.CharField(
        _("filter"),
        max_length=2000,
        blank=True,
        help_text=_("The registry filter, as a query string."),
    )
    organisation = models.ForeignKey(
        "outreach.Organisation",
        verbose_name=_("organisation"),
        # Kept when the organisation goes, so the purge still deletes the file; the manager's
        # access needs the organisation, so the download is closed by then.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when an organisation manager asked for their staff's certificates."),
    )
    certificate_ids = models.JSONField(_("certificates"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.PENDING
    )
    total = models.PositiveIntegerField(_("certificates in total"), default=0)
    progress = models.PositiveIntegerField(_("certificates done"), default=0)
    file = models.FileField(
        _("ZIP file"), storage=certificate_storage, upload_to="bulk/", blank=True
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("bulk certificate download")
        verbose_name_plural = _("bulk certificate downloads")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.total} certificates · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.progress / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.State.DONE, self.State.FAILED}
