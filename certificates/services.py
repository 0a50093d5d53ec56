"""Every rule about certificates: issue, access, PDF, revoke, reissue, reminders, bulk export.

Views, tasks, the admin and the quiz signal call these functions; none of them writes a
certificate another way.
"""

import calendar
import csv
import datetime
import io
import logging
import tempfile
import unicodedata
import zipfile

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile, File
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from redflag.spreadsheets import safe_cell
from wagtail.log_actions import log

from . import codes
from .models import BulkDownload, Certificate, CertificateReminder, Milestone, Status

logger = logging.getLogger(__name__)

REMINDER_DAYS = {Milestone.DAYS_60: 60, Milestone.DAYS_14: 14}
# A certificate that expired long before reminders were switched on gets no "has expired" email.
EXPIRED_REMINDER_WINDOW_DAYS = 30
MAX_RENDER_ATTEMPTS = 5
PROGRESS_EVERY = 25


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of the month `months` later; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Names --------------------------------------------------------------------------------------

# Characters that reorder the text around them: in a name they can make the certificate, the
# registry or a roster show something other than what was typed (U+202E turns "Ana" into "anA").
TEXT_DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f"
    + "".join(chr(code) for code in range(0x202A, 0x202F))
    + "".join(chr(code) for code in range(0x2066, 0x206A))
)
# Letters and marks that draw nothing although Unicode does not class them as spaces or format
# characters: Hangul fillers, the blank Braille pattern, invisible Khmer vowels, variation
# selectors.
_BLANK_GLYPHS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
)


def _draws_nothing(character: str) -> bool:
    # Cc control, Cf format (zero-width spaces and joiners), Z* spaces and line separators.
    category = unicodedata.category(character)
    return category in ("Cc", "Cf") or category.startswith("Z") or character in _BLANK_GLYPHS


def validate_learner_name(name: str) -> None:
    """The one rule for a name printed on a certificate, wherever it is typed: someone must be
    able to read it, and it must read as typed. Zero-width joiners inside a readable name stay
    allowed: Persian and Indic names need them."""
    from django.core.exceptions import ValidationError

    if any(character in TEXT_DIRECTION_CONTROLS for character in name):
        raise ValidationError(
            _("This name contains hidden characters that change the direction of text, so it "
              "could print differently from how it reads here. Type the name again without "
              "them."),
            code="text_direction",
        )
    if name and all(_draws_nothing(character) for character in name):
        raise ValidationError(
            _("This name is made only of spaces or invisible characters. Type the name in "
              "letters, as it should appear on the certificate."),
            code="invisible",
        )


def _fit(value, field_name: str) -> str:
    """Learner-typed text cut to the column size, so an odd profile can never block a pass."""
    max_length = Certificate._meta.get_field(field_name).max_length
    return (value or "").strip()[:max_length]


def _unused_code() -> str:
    while True:
        code = codes.new_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


def issue_certificate(
    *, user, course, score_percent: int, passed_at: datetime.datetime, attempt=None
) -> Certificate:
    """Issue the certificate for a pass, copying who the learner is right now.

    Runs inside the caller's transaction (the quiz's grading), so the pass and its certificate are
    recorded together or not at all. With an attempt, a second call for the same pass returns the
    first certificate. The PDF is rendered after commit, in a task; a render failure never loses
    the record, because the PDF can always be rebuilt from it.
    """
    from redflag.accounts.models import LearnerProfile

    if attempt is not None:
        existing = Certificate.objects.filter(quiz_attempt_id=attempt.pk).first()
        if existing:
            return existing
    profile = (
        LearnerProfile.objects.select_related("group", "organisation").filter(user=user).first()
    )
    name = (
        (profile.certificate_name if profile else "") or user.get_full_name() or user.get_username()
    )
    group = profile.group if profile else None
    organisation = profile.organisation if profile else None
    # The directory's name when the learner belongs to a listed organisation, else what they typed.
    organisation_name = organisation.name if organisation else (profile.employer if profile else "")
    issued_on = timezone.localdate(passed_at)
    certificate = Certificate(
        user=user,
        course=course,
        quiz_attempt_id=attempt.pk if attempt is not None else None,
        learner_name=_fit(name, "learner_name"),
        course_title=_fit(course.title, "course_title"),
        group=group,
        group_name=_fit(group.name if group else "", "group_name"),
        organisation=organisation,
        organisation_name=_fit(organisation_name, "organisation_name"),
        job_role=_fit(profile.job_role if profile else "", "job_role"),
        state=_fit(profile.state if profile else "", "state"),
        county=_fit(profile.county if profile else "", "county"),
        zip_code=_fit(profile.zip_code if profile else "", "zip_code"),
        score_percent=score_percent,
        passed_at=passed_at,
        issued_on=issued_on,
        expires_on=add_months(issued_on, course.validity_months or 24),
        code=_unused_code(),
    )
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # The same pass reported twice at once: the other call's certificate stands.
        if attempt is not None:
            existing = Certificate.objects.filter(quiz_attempt_id=attempt.pk).first()
            if existing:
                return existing
        raise
    log(certificate, "certificate.issued", user=user, data={"code": certificate.code})
    transaction.on_commit(lambda: _enqueue_render(certificate.pk))
    return certificate


def _enqueue_render(certificate_id: int, *, attempt: int = 1, now: bool = False) -> None:
    """Queue the PDF render; a retry (attempt > 1) waits 2**attempt minutes unless `now`."""
    from .tasks import render_certificate_pdf

    task = render_certificate_pdf
    if attempt > 1 and not now and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(minutes=2**attempt))
    try:
        task.enqueue(certificate_id, attempt)
    except Exception:
        # Queue down: the PDF is built on first download or by `render_certificates` instead.
        logger.exception("Could not queue the PDF render of certificate %s", certificate_id)


# PDFs ----------------------------------------------------------------------------------------


def pdf_filename(certificate: Certificate) -> str:
    name = slugify(certificate.learner_name)[:60] or "certificate"
    return f"{name}-{certificate.code}.pdf"


def store_pdf(certificate: Certificate, *, branding=None) -> bytes:
    """Render the PDF and keep it in the certificate's FileField."""
    from .pdf import render_pdf

    data = render_pdf(certificate, branding=branding)
    old_name = certificate.pdf.name
    certificate.pdf.save(pdf_filename(certificate), ContentFile(data), save=False)
    certificate.render_failures = 0
    certificate.save(update_fields=["pdf", "render_failures"])
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return data


def pdf_bytes(certificate: Certificate, *, branding=None) -> bytes:
    """The cached PDF, rebuilt on demand when missing (never rendered, or the file is gone)."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            logger.warning("PDF of certificate %s is missing; rebuilding it", certificate.pk)
    return store_pdf(certificate, branding=branding)


class PdfNotReady(Exception):
    """The PDF could not be rendered or stored just now (a render error, a full disk). The
    certificate record is untouched and a render is queued."""


# How long a queued render stands for its certificate: further download attempts in the
# meantime queue nothing more, and the learner is asked to come back after this long.
RENDER_RETRY_SECONDS = 60


def pdf_for_download(certificate: Certificate) -> bytes:
    """The PDF for someone downloading it now, or PdfNotReady.

    On failure the render is counted, a missing file is forgotten so `render_certificates` renders
    it again, and a render is queued for the task worker (once a minute at most however often the
    download is retried); with the database backend render_or_retry then keeps retrying later.
    """
    try:
        return pdf_bytes(certificate)
    except Exception as error:
        logger.exception("The PDF of certificate %s could not be delivered", certificate.pk)
        failures = certificate.render_failures + 1
        changes = {"render_failures": models.F("render_failures") + 1}
        if certificate.pdf:
            changes["pdf"] = ""
        Certificate.objects.filter(pk=certificate.pk).update(**changes)
        if cache.add(f"certificates:render-queued:{certificate.pk}", True, RENDER_RETRY_SECONDS):
            _enqueue_render(certificate.pk, attempt=failures + 1, now=True)
        raise PdfNotReady from error


def render_or_retry(certificate_id: int, attempt: int = 1) -> bool:
    """The background render: on failure, log, count it and try again later. Never deletes."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    try:
        store_pdf(certificate)
        return True
    except Exception:
        logger.exception(
            "Rendering the PDF of certificate %s failed (attempt %s)", certificate_id, attempt
        )
        Certificate.objects.filter(pk=certificate_id).update(
            render_failures=certificate.render_failures + 1
        )
        if attempt < MAX_RENDER_ATTEMPTS:
            from .tasks import render_certificate_pdf

            if render_certificate_pdf.get_backend().supports_defer:
                _enqueue_render(certificate_id, attempt=attempt + 1)
        return False


def render_missing(*, limit: int | None = None) -> tuple[int, int]:
    """Render every certificate that has no PDF yet; (rendered, failed). For cron after failures."""
    from .pdf import Branding

    branding = Branding.current()
    rendered = failed = 0
    pending = Certificate.objects.filter(pdf="").order_by("pk")
    for certificate in pending[:limit] if limit else pending.iterator():
        try:
            store_pdf(certificate, branding=branding)
            rendered += 1
        except Exception:
            logger.exception("Rendering the PDF of certificate %s failed", certificate.pk)
            Certificate.objects.filter(pk=certificate.pk).update(
                render_failures=certificate.render_failures + 1
            )
            failed += 1
    return rendered, failed


# Access --------------------------------------------------------------------------------------


def can_download(user, certificate: Certificate) -> bool:
    """The learner, coordinators (the download_certificate permission) and the manager of the
    learner's organisation."""
    from outreach.services import manages_certificate

    if not user.is_authenticated:
        return False
    if certificate.user_id == user.pk or user.has_perm("certificates.download_certificate"):
        return True
    return manages_certificate(user, certificate)


def certificate_for_download(user, pk: int) -> Certificate:
    """The certificate if this user may download it; 404 otherwise, so no one learns it exists."""
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None or not can_download(user, certificate):
        raise Http404
    return certificate


def verify(typed_code: str) -> Certificate | None:
    code = codes.normalise(typed_code)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def public_check(certificate: Certificate, *, today: datetime.date) -> dict:
    """What anyone who checks a code is told.

    A standing certificate (valid or expired) shows its name, course and dates, so an employer can
    match it to the person in front of them. A revoked or replaced one shows only that, and when:
    its name may be the very mistake a reissue corrected, and a withdrawn record vouches for no one.
    """
    status = certificate.status_on(today)
    standing = status in (Status.VALID, Status.EXPIRED)
    return {
        "status": status,
        "code": certificate.display_code,
        "certificate": certificate if standing else None,
        "withdrawn_at": None if standing else certificate.revoked_at,
        "today": today,
    }


# Staff actions -------------------------------------------------------------------------------


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, by, reason: str, now=None) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        return certificate
    certificate.revoked_at = now or timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    log(
        certificate,
        "certificate.revoked",
        user=by,
        data={"reason": reason, "code": certificate.code},
    )
    return certificate


@transaction.atomic
def reissue_certificate(
    certificate: Certificate, *, by, learner_name: str, reason: str, now=None
) -> Certificate:
    """A corrected copy with a new code; the old one shows as replaced. Dates stay the pass's."""
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if old.revoked_at:
        raise ValueError(_("A revoked or replaced certificate cannot be reissued."))
    now = now or timezone.now()
    new = Certificate.objects.create(
        user_id=old.user_id,
        course_id=old.course_id,
        learner_name=_fit(learner_name, "learner_name"),
        course_title=old.course_title,
        group_id=old.group_id,
        group_name=old.group_name,
        organisation_id=old.organisation_id,
        organisation_name=old.organisation_name,
        job_role=old.job_role,
        state=old.state,
        county=old.county,
        zip_code=old.zip_code,
        score_percent=old.score_percent,
        passed_at=old.passed_at,
        issued_on=old.issued_on,
        expires_on=old.expires_on,
        code=_unused_code(),
    )
    old.revoked_at = now
    old.revoked_by = by
    old.revoked_reason = reason
    old.replaced_by = new
    old.save(update_fields=["revoked_at", "revoked_by", "revoked_reason", "replaced_by"])
    # Reminders already sent count for the replacement too: the learner gets no second "60 days".
    CertificateReminder.objects.bulk_create(
        [CertificateReminder(certificate=new, milestone=r.milestone) for r in old.reminders.all()],
        ignore_conflicts=True,
    )
    data = {
        "reason": reason,
        "old_name": old.learner_name,
        "new_name": new.learner_name,
        "old_code": old.code,
        "new_code": new.code,
    }
    log(old, "certificate.replaced", user=by, data=data)
    log(new, "certificate.reissued", user=by, data=data)
    transaction.on_commit(lambda: _enqueue_render(new.pk))
    return new


# Learner dashboard ---------------------------------------------------------------------------


def training_overview(user, *, today=None) -> dict:
    """What My training shows, in a fixed number of queries whatever the learner has done."""
    from django.db.models import Count
    from django.db.models.functions import Length, Substr

    from courses.models import CoursePage, LessonCompletion, LessonPage

    today = today or timezone.localdate()
    certificates = list(
        Certificate.objects.filter(user=user).select_related("course").order_by("-passed_at", "-pk")
    )
    by_course = {}
    for certificate in certificates:
        by_course.setdefault(
            certificate.course_id or f"title:{certificate.course_title}", []
        ).append(certificate)
    completed = []
    for group in by_course.values():
        unrevoked = [c for c in group if not c.revoked_at]
        current = unrevoked[0] if unrevoked else None
        newest = group[0]
        shown = current or newest
        days_left = shown.days_left(today)
        completed.append(
            {
                "course": shown.course,
                "course_title": shown.course_title,
                "current": current,
                "shown": shown,
                "status": shown.status_on(today),
                "days_left": days_left,
                "renew": current is None or days_left <= REMINDER_DAYS[Milestone.DAYS_60],
                "earlier": [c for c in group if c is not shown],
            }
        )
    completed.sort(key=lambda item: item["shown"].expires_on)

    opened = list(
        LessonCompletion.objects.filter(user=user, lesson__live=True).values_list(
            "lesson__path", flat=True
        )
    )
    steplen = LessonPage.steplen
    course_paths = {path[:-steplen] for path in opened}
    certified_course_ids = {item["course"].pk for item in completed if item["course"]}
    in_progress = []
    if course_paths:
        courses = {c.path: c for c in CoursePage.objects.live().filter(path__in=course_paths)}
        lesson_counts = dict(
            LessonPage.objects.live()
            .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
            .filter(parent_path__in=list(courses))
            .order_by()  # Wagtail orders pages by path, which would split the groups
            .values("parent_path")
            .annotate(n=Count("id"))
            .values_list("parent_path", "n")
        )
        opened_counts = {}
        for path in opened:
            opened_counts[path[:-steplen]] = opened_counts.get(path[:-steplen], 0) + 1
        for path, course in sorted(courses.items(), key=lambda item: item[1].title):
            if course.pk in certified_course_ids:
                continue
            in_progress.append(
                {
                    "course": course,
                    "opened": opened_counts.get(path, 0),
                    "lessons": lesson_counts.get(path, 0),
                }
            )
    return {"completed": completed, "in_progress": in_progress, "today": today}


# Reminders -----------------------------------------------------------------------------------


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


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def reminder_email(certificate: Certificate, milestone: str, today=None) -> EmailMultiAlternatives:
    profile = getattr(certificate.user, "learner_profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    course_url = certificate.course.get_url() if certificate.course else None
    context = {
        "certificate": certificate,
        "milestone": milestone,
        "expired": milestone == Milestone.EXPIRED,
        "days_left": certificate.days_left(today),
        "renew_url": _absolute(course_url)
        if course_url and course_url.startswith("/")
        else (course_url or _absolute(reverse("certificates:my_training"))),
        "my_training_url": _absolute(reverse("certificates:my_training")),
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


# Bulk download -------------------------------------------------------------------------------

ROSTER_HEADERS = [
    "Name",
    "Position / job role",
    "Course",
    "Stakeholder group",
    "Organisation",
    "Issue date",
    "Expiry date",
    "Status",
    "Verification code",
    "Verification URL",
]


def roster_csv(certificates, *, today=None) -> str:
    today = today or timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ROSTER_HEADERS)
    for c in certificates:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    c.learner_name,
                    c.job_role,
                    c.course_title,
                    c.group_name,
                    c.organisation_name,
                    c.issued_on.isoformat(),
                    c.expires_on.isoformat(),
                    c.status_on(today),
                    c.display_code,
                    c.get_verify_url(),
                )
            ]
        )
    return out.getvalue()


BULK_KEEP_DAYS = 7


def purge_old_bulk_downloads(*, now=None) -> int:
    """ZIPs hold many people's certificates: kept a week for the coordinator or manager who asked,
    then deleted (the purge_bulk_downloads command, daily from cron)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=BULK_KEEP_DAYS)
    old = list(BulkDownload.objects.filter(created_at__lt=cutoff))
    for bulk in old:
        if bulk.file:
            bulk.file.delete(save=False)
        bulk.delete()
    return len(old)


def start_bulk_download(
    *, user, certificate_ids: list[int], query: str = "", organisation=None
) -> BulkDownload:
    """Record the request and build the ZIP in the background, after commit.

    A registry download is audited here. An organisation manager's (with `organisation`) is
    audited on the organisation by outreach.services.start_certificates_download, where the
    coordinators reading that organisation's history find it.
    """
    from .tasks import build_bulk_download

    purge_old_bulk_downloads()
    bulk = BulkDownload.objects.create(
        requested_by=user,
        organisation=organisation,
        certificate_ids=list(certificate_ids),
        total=len(certificate_ids),
        query=query[:2000],
    )
    if organisation is None:
        data = {"count": bulk.total, "filter": query}
        log(bulk, "certificate.bulk_download", user=user, data=data)
    transaction.on_commit(lambda: build_bulk_download.enqueue(bulk.pk))
    return bulk


def build_bulk_zip(bulk_id: int) -> BulkDownload:
    """Write the ZIP of PDFs plus roster.csv, updating progress as it goes.

    The ZIP is written to a temporary file on disk (FILE_UPLOAD_TEMP_DIR, else the system's) and
    then stored, so twenty thousand PDFs never sit in memory at once.
    """
    from .pdf import Branding

    bulk = BulkDownload.objects.get(pk=bulk_id)
    if bulk.is_finished:
        return bulk
    BulkDownload.objects.filter(pk=bulk.pk).update(status=BulkDownload.State.RUNNING, progress=0)
    try:
        branding = Branding.current()
        ids = bulk.certificate_ids
        by_id = Certificate.objects.in_bulk(ids)
        ordered = [by_id[pk] for pk in ids if pk in by_id]
        with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as spool:
            # PDFs are already compressed; storing them keeps the build fast.
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
                used = set()
                for done, certificate in enumerate(ordered, start=1):
                    name = pdf_filename(certificate)
                    if name in used:
                        name = f"{certificate.pk}-{name}"
                    used.add(name)
                    archive.writestr(name, pdf_bytes(certificate, branding=branding))
                    if done % PROGRESS_EVERY == 0:
                        BulkDownload.objects.filter(pk=bulk.pk).update(progress=done)
                archive.writestr(
                    "roster.csv", roster_csv(ordered), compress_type=zipfile.ZIP_DEFLATED
                )
            spool.seek(0)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            bulk.file.save(f"certificates-{stamp}-{bulk.pk}.zip", File(spool), save=False)
        bulk.status = BulkDownload.State.DONE
        bulk.progress = len(ordered)
        bulk.total = len(ordered)
        bulk.finished_at = timezone.now()
        bulk.save(update_fields=["file", "status", "progress", "total", "finished_at"])
    except Exception as error:
        logger.exception("Bulk certificate download %s failed", bulk.pk)
        BulkDownload.objects.filter(pk=bulk.pk).update(
            status=BulkDownload.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        bulk.refresh_from_db()
    return bulk


def may_open_bulk_download(user, bulk: BulkDownload) -> bool:
    """A registry download is the coordinator's who asked for it, while they may still download.
    (An organisation manager's opens outside the admin: outreach.services.)"""
    return (
        user.is_authenticated
        and bulk.organisation_id is None
        and bulk.requested_by_id == user.pk
        and user.has_perm("certificates.download_certificate")
    )


def bulk_file_response(bulk: BulkDownload, *, filename: str) -> FileResponse:
    """A finished ZIP, streamed from disk and never cached; 404 when its file was deleted behind
    Redflag's back."""
    try:
        handle = bulk.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response


def registry_downloads(user):
    """The coordinator's own registry downloads, newest first."""
    return BulkDownload.objects.filter(requested_by=user, organisation__isnull=True)


def bulk_download_for(user, pk: int) -> BulkDownload:
    """Only the person who asked for a bulk download sees it; everyone else gets 404."""
    bulk = BulkDownload.objects.filter(pk=pk).first()
    if bulk is None or not may_open_bulk_download(user, bulk):
        raise Http404
    return bulk
