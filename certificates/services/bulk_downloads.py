"""Bulk downloads: a ZIP of certificates plus a roster, built in the background for a
coordinator (the registry) or an organisation manager, and kept a week."""

import datetime
import logging
import multiprocessing
import os
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from redflag.lib.spreadsheets import csv_text
from wagtail.log_actions import log

from ..models import BulkDownload, Certificate, Status
from .rendering import keep_pdf, pdf_bytes, pdf_filename

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 25


# Bulk download -------------------------------------------------------------------------------

# The one roster: inside the registry's and the managers' ZIPs, and the organisation page's
# roster.csv. The headings are lazy, so each is translated when a roster is written, in the
# language of whoever reads it.
ROSTER_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("job_role", gettext_lazy("Job role")),
    ("status", gettext_lazy("Status")),
    ("course", gettext_lazy("Course")),
    ("group", gettext_lazy("Stakeholder group")),
    ("organisation", gettext_lazy("Organisation")),
    ("issued_on", gettext_lazy("Trained on")),
    ("expires_on", gettext_lazy("Expires on")),
    ("code", gettext_lazy("Verification code")),
    ("verify_url", gettext_lazy("Verify at")),
]


def write_roster(rows) -> str:
    """A roster CSV from dicts keyed as ROSTER_COLUMNS."""
    return csv_text(ROSTER_COLUMNS, rows)


def roster_csv(certificates, *, today=None) -> str:
    """The roster of these certificates, as printed on them."""
    today = today or timezone.localdate()
    return write_roster(
        {
            "name": c.learner_name,
            "job_role": c.job_role,
            "status": Status(c.status_on(today)).label,
            "course": c.course_title,
            "group": c.group_name,
            "organisation": c.organisation_name,
            "issued_on": c.issued_on,
            "expires_on": c.expires_on,
            "code": c.display_code,
            "verify_url": c.get_verify_url(),
        }
        for c in certificates
    )


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
    audited on the organisation by outreach.services.downloads, where the
    coordinators reading that organisation's history find it.
    """
    from ..tasks import build_bulk_download

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


def _language_of(user) -> str:
    profile = getattr(user, "learner_profile", None) if user else None
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


# Rendering is the slow part of a ZIP (tens of milliseconds a certificate, all of it CPU): from
# this many certificates without a stored PDF on, they are rendered on every core.
PARALLEL_FROM = 40


def _render(certificate, branding) -> bytes:
    from ..pdf import render_pdf

    return render_pdf(certificate, branding=branding)


def with_pdfs(certificates, branding):
    """(certificate, PDF bytes) for each certificate in order: stored PDFs read back, the missing
    rendered and stored. Many missing ones are rendered in worker processes, one per core, forked
    from this one so they share its settings; they only render, and this process alone touches
    the database and the files."""
    missing = [c for c in certificates if not c.pdf]
    cores = os.cpu_count() or 1
    if len(missing) < PARALLEL_FROM or cores < 2:
        for certificate in certificates:
            yield certificate, pdf_bytes(certificate, branding=branding)
        return

    def stored(certificate, data):
        keep_pdf(certificate, data)
        return data

    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork")) as pool:
        rendered = pool.map(_render, missing, [branding] * len(missing), chunksize=4)
        for start in range(0, len(certificates), PROGRESS_EVERY):
            # The stored PDFs are recorded a batch at a time: one commit for many rows, rather
            # than a commit (and on SQLite a sync to disk) for each. The batch is handed on only
            # once committed, so no transaction stays open while the caller writes the ZIP.
            with transaction.atomic():
                batch = [
                    (certificate, pdf_bytes(certificate, branding=branding) if certificate.pdf
                     else stored(certificate, next(rendered)))
                    for certificate in certificates[start:start + PROGRESS_EVERY]
                ]
            yield from batch


def build_bulk_zip(bulk_id: int) -> BulkDownload:
    """Write the ZIP of PDFs plus roster.csv, updating progress as it goes.

    The ZIP is written to a temporary file on disk (FILE_UPLOAD_TEMP_DIR, else the system's) and
    then stored, so twenty thousand PDFs never sit in memory at once.
    """
    from ..pdf import Branding

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
                # A revoked or replaced certificate's PDF would still look valid once printed:
                # it stays out of the ZIP, and the roster lists it with its status.
                valid = [certificate for certificate in ordered if certificate.revoked_at is None]
                for done, (certificate, data) in enumerate(with_pdfs(valid, branding), 1):
                    name = pdf_filename(certificate)
                    if name in used:
                        name = f"{certificate.pk}-{name}"
                    used.add(name)
                    archive.writestr(name, data)
                    if done % PROGRESS_EVERY == 0:
                        BulkDownload.objects.filter(pk=bulk.pk).update(progress=done)
                # Built in the background: the roster is in the language of whoever asked.
                with translation.override(_language_of(bulk.requested_by)):
                    roster = roster_csv(ordered)
                archive.writestr("roster.csv", roster, compress_type=zipfile.ZIP_DEFLATED)
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
    (An organisation manager's opens outside the admin: outreach.services.downloads.)"""
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
