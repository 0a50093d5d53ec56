"""Organisation managers' ZIPs of their staff's current certificates, built by certificates'
bulk downloads and audited on the organisation."""

import datetime

from django.db.models import (
    Subquery,
)
from django.http import Http404
from django.utils import timezone
from wagtail.log_actions import log

from certificates.models import BulkDownload, Certificate
from certificates.services import bulk_downloads

from ..models import Organisation
from .access import organisation_managed_by
from .staff import organisation_people


def current_certificate_ids(organisation: Organisation, *, today: datetime.date) -> list[int]:
    """The latest current (or expiring) certificate of each of the organisation's people, in the
    order of the names printed on them."""
    # Any course's certificate that still runs, whatever the person's status over the courses
    # their group requires: the ZIP is what an inspector can be shown.
    people = organisation_people(organisation, today=today).filter(latest_expiry__gte=today)
    return list(
        Certificate.objects.filter(pk__in=Subquery(people.values("latest_certificate_id")))
        .order_by("learner_name", "pk").values_list("pk", flat=True)
    )


def start_certificates_download(user, organisation: Organisation, *,
                                today: datetime.date | None = None):
    """A manager's ZIP of their staff's current certificates plus the roster, built in the
    background like the registry's. None when no one holds a current certificate."""

    ids = current_certificate_ids(organisation, today=today or timezone.localdate())
    if not ids:
        return None
    bulk = bulk_downloads.start_bulk_download(
        user=user, certificate_ids=ids, organisation=organisation)
    log(organisation, "outreach.certificates_downloaded", user=user,
        data={"count": len(ids), "download": bulk.pk})
    return bulk


def manager_downloads(user, organisation: Organisation):
    """The ZIPs this manager asked for at this organisation, newest first."""

    return BulkDownload.objects.filter(requested_by=user, organisation=organisation)


def certificates_download_for(user, organisation_pk: int, pk: int):
    """A manager's ZIP, for the manager who asked for it while they still manage the
    organisation; 404 for anyone else, so no one learns it exists."""
    organisation = organisation_managed_by(user, organisation_pk)
    bulk = manager_downloads(user, organisation).filter(pk=pk).first()
    if bulk is None:
        raise Http404
    return organisation, bulk
