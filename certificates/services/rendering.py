"""Certificate PDFs: rendered once after issue in a task, kept in the certificate's FileField,
rebuilt on demand when missing, and retried later when a render fails. A failed render never
touches the certificate record.
"""

import datetime
import logging

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from ..models import Certificate

logger = logging.getLogger(__name__)

MAX_RENDER_ATTEMPTS = 5


def enqueue_render(certificate_id: int, *, attempt: int = 1, now: bool = False) -> None:
    """Queue the PDF render; a retry (attempt > 1) waits 2**attempt minutes unless `now`."""
    from ..tasks import render_certificate_pdf

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
    from ..pdf import render_pdf

    data = render_pdf(certificate, branding=branding)
    keep_pdf(certificate, data)
    return data


def keep_pdf(certificate: Certificate, data: bytes) -> None:
    """Store rendered PDF bytes in the certificate's FileField, replacing any earlier file."""
    old_name = certificate.pdf.name
    # A file already at this certificate's name that the record does not point to was written by
    # a render stopped before it could save the record (the worker killed): replace it rather
    # than keep both under two names. The name holds the certificate's code, so it is this one's.
    field = certificate.pdf.field
    target = field.generate_filename(certificate, pdf_filename(certificate))
    if target != old_name and field.storage.exists(target):
        field.storage.delete(target)
    certificate.pdf.save(pdf_filename(certificate), ContentFile(data), save=False)
    certificate.render_failures = 0
    certificate.save(update_fields=["pdf", "render_failures"])
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)


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
            enqueue_render(certificate.pk, attempt=failures + 1, now=True)
        raise PdfNotReady from error


def render_or_retry(certificate_id: int, attempt: int = 1) -> bool:
    """The background render: on failure, log, count it and try again later. Never deletes."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
        # Rendered meanwhile (by a download, or by this task queued again after a worker was
        # stopped mid-task): one certificate, one file.
        return True
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
            from ..tasks import render_certificate_pdf

            if render_certificate_pdf.get_backend().supports_defer:
                enqueue_render(certificate_id, attempt=attempt + 1)
        return False


def queue_missing() -> int:
    """Queue a render for every certificate without a PDF; the number queued. For a worker that
    starts after a crash: whatever it was rendering, and whatever could not be queued while the
    queue was down, is rendered by the worker instead of at someone's first download."""
    pending = list(Certificate.objects.filter(pdf="").values_list("pk", flat=True))
    for certificate_id in pending:
        enqueue_render(certificate_id)
    return len(pending)


def render_missing(*, limit: int | None = None) -> tuple[int, int]:
    """Render every certificate that has no PDF yet; (rendered, failed). For cron after failures."""
    from ..pdf import Branding

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
