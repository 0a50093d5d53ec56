"""Who may see which certificate: the learner their own, coordinators any (with the
download_certificate permission), and anyone the public check. Organisation managers download
their staff's certificates through outreach, which owns who manages whom.
"""

import datetime

from django.http import Http404

from .. import codes
from ..models import Certificate, Status

# Access --------------------------------------------------------------------------------------


def can_download(user, certificate: Certificate) -> bool:
    """The learner and coordinators (the download_certificate permission). Organisation managers
    download their staff's certificates from the organisation page (outreach.views)."""
    if not user.is_authenticated:
        return False
    return certificate.user_id == user.pk or user.has_perm("certificates.download_certificate")


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
