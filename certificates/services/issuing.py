"""Issuing a certificate for a pass, and the staff's corrections: revoke and reissue.

The quiz's pass (quizzes.services.grade_attempt) reaches issue_certificate through
certificates.signals; the admin's revoke and reissue forms call the other two. Nothing else writes
a certificate.
"""

import datetime
import unicodedata

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses import locales

from .. import codes
from ..models import Certificate, CertificateReminder
from ..signals import send_changed
from .rendering import enqueue_render

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

    The certificate stays current for the validity of the course's jurisdiction, read now: a later
    change to the jurisdiction applies to certificates issued after it, never to this one's
    printed expiry. Runs inside the caller's transaction (the quiz's grading), so the pass and its
    certificate are recorded together or not at all. With an attempt, a second call for the same
    pass returns the first certificate. The PDF is rendered after commit, in a task; a render
    failure never loses the record, because the PDF can always be rebuilt from it.
    """
    # Profiles belong to the project above the apps: named by label, not imported.
    LearnerProfile = apps.get_model("accounts", "LearnerProfile")
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
    # The certificate names the course's source, in whichever language it was taken, and is
    # printed in the language taken (courses.locales).
    taken, course = course, locales.source_of(course)
    group = course.certificate_group(profile.group if profile else None)
    organisation = profile.organisation if profile else None
    # The directory's name when the learner belongs to a listed organisation, else what they typed.
    organisation_name = organisation.name if organisation else (profile.employer if profile else "")
    issued_on = timezone.localdate(passed_at)
    certificate = Certificate(
        user=user,
        course=course,
        quiz_attempt_id=attempt.pk if attempt is not None else None,
        learner_name=_fit(name, "learner_name"),
        course_title=_fit(taken.title, "course_title"),
        language=locales.language_of(taken) or settings.LANGUAGE_CODE,
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
        expires_on=course.expires_on(issued_on),
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
    send_changed(user_ids=[certificate.user_id], certificate_ids=[certificate.pk])
    transaction.on_commit(lambda: enqueue_render(certificate.pk))
    return certificate


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
    send_changed(user_ids=[certificate.user_id], certificate_ids=[certificate.pk])
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
        language=old.language,
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
    send_changed(user_ids=[old.user_id], certificate_ids=[old.pk, new.pk])
    log(old, "certificate.replaced", user=by, data=data)
    log(new, "certificate.reissued", user=by, data=data)
    transaction.on_commit(lambda: enqueue_render(new.pk))
    return new


@transaction.atomic
def assign_organisation(certificates, organisation) -> int:
    """Credit these certificates (a queryset) to an organisation of the directory: an employer
    typed at sign-up and matched later. The name printed on them stays as issued. Returns how
    many changed."""
    rows = list(certificates.values_list("pk", "user_id"))
    changed = certificates.update(organisation=organisation)
    send_changed(user_ids=[user for _pk, user in rows], certificate_ids=[pk for pk, _user in rows])
    return changed
