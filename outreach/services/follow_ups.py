"""Partner follow-up: who may see and change an organisation's contact person, dates, notes and
assigned trainer; which follow-ups are due; the trainers' weekly digest.

Coordinators (who may add follow-ups) see every organisation's; a trainer sees the organisations
assigned to them and nothing else, 404 for the rest, so no one learns what another trainer notes.
Organisation managers and learners have no way in.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from redflag.lib.links import absolute_url
from redflag.lib.progress import Progress
from wagtail.log_actions import log

from ..models import TRAINERS_GROUP, CampaignTarget, Organisation, PartnerFollowUp

# The Follow-ups page lists what is overdue and what comes up within this many days.
DUE_WITHIN_DAYS = 14
# The weekly digest: what is overdue and what comes up before the next digest.
DIGEST_WITHIN_DAYS = 7
# The dashboard's "Follow-up due" list shows this many; the Follow-ups page has the rest.
DASHBOARD_SHOWN = 10


def keeps_all(user) -> bool:
    """Coordinators: every organisation's follow-up, and they assign the trainers."""
    return user.is_authenticated and user.has_perm("outreach.add_partnerfollowup")


def visible_to(user):
    """The follow-ups a user may see and change: all for coordinators, a trainer's own."""
    follow_ups = PartnerFollowUp.objects.all()
    if not user.is_authenticated or not user.has_perm("outreach.change_partnerfollowup"):
        return follow_ups.none()
    if keeps_all(user):
        return follow_ups
    return follow_ups.filter(trainer=user)


def organisation_for(user, pk: int) -> tuple[Organisation, PartnerFollowUp]:
    """The organisation and its follow-up (unsaved if it has none yet) for a user who may keep
    it; 404 for anyone else."""
    if keeps_all(user):
        organisation = Organisation.objects.select_related("group").filter(pk=pk).first()
        if organisation is None:
            raise Http404
        follow_up = (PartnerFollowUp.objects.select_related("trainer")
                     .filter(organisation=organisation).first())
        return organisation, follow_up or PartnerFollowUp(organisation=organisation)
    follow_up = (visible_to(user).select_related("organisation__group", "trainer")
                 .filter(organisation_id=pk).first())
    if follow_up is None:
        raise Http404
    return follow_up.organisation, follow_up


@transaction.atomic
def save(follow_up: PartnerFollowUp, changed: list[str], *, by) -> None:
    """Save a follow-up's changed fields and log which fields changed (never the notes' text:
    the audit log is read more widely than the notes)."""
    created = follow_up._state.adding
    if created:
        follow_up.save()
    else:
        follow_up.save(update_fields=[*changed, "updated_at"])
    log(instance=follow_up, action="wagtail.create" if created else "wagtail.edit", user=by,
        data={"fields": changed}, content_changed=True)


def due(user, today: datetime.date, *, within_days: int = DUE_WITHIN_DAYS, trainer=None,
        state: str = "", county: str = "", group_id=None, organisation_id=None):
    """The follow-ups a user may see that are overdue or due within `within_days` (0: due today
    or before), the most overdue first, optionally for one trainer, region, group or
    organisation."""
    follow_ups = visible_to(user).filter(
        next_follow_up_on__lte=today + datetime.timedelta(days=within_days))
    if trainer is not None:
        follow_ups = follow_ups.filter(trainer=trainer)
    if state:
        follow_ups = follow_ups.filter(organisation__state=state)
    if county:
        follow_ups = follow_ups.filter(organisation__county=county)
    if group_id:
        follow_ups = follow_ups.filter(organisation__group_id=group_id)
    if organisation_id:
        follow_ups = follow_ups.filter(organisation_id=organisation_id)
    return (follow_ups.select_related("organisation", "trainer")
            .order_by("next_follow_up_on", "organisation__name", "pk"))


def trainers():
    return (get_user_model().objects.filter(groups__name=TRAINERS_GROUP)
            .order_by("first_name", "last_name", "email"))


# The weekly digest ----------------------------------------------------------------------------

@dataclasses.dataclass
class Digest:
    trainer: object
    follow_ups: list[PartnerFollowUp]
    targets: list[CampaignTarget]

    @property
    def count(self) -> int:
        return len(self.follow_ups) + len(self.targets)


def digests(today: datetime.date) -> list[Digest]:
    """For each active trainer with an email address and something due, what is due: their
    organisations' follow-ups and their campaign targets' follow-ups, overdue or due within
    DIGEST_WITHIN_DAYS. Three queries, however many trainers."""
    until = today + datetime.timedelta(days=DIGEST_WITHIN_DAYS)
    people = {user.pk: user for user in trainers().filter(is_active=True).exclude(email="")
              .select_related("wagtail_userprofile", "learner_profile")}
    follow_ups, targets = defaultdict(list), defaultdict(list)
    for follow_up in (PartnerFollowUp.objects
                      .filter(trainer__in=list(people), next_follow_up_on__lte=until)
                      .select_related("organisation")
                      .order_by("next_follow_up_on", "organisation__name")):
        follow_ups[follow_up.trainer_id].append(follow_up)
    for target in (CampaignTarget.objects
                   .filter(trainer__in=list(people), next_follow_up_on__lte=until)
                   .select_related("organisation", "campaign")
                   .order_by("next_follow_up_on", "organisation__name")):
        targets[target.trainer_id].append(target)
    return [Digest(trainer=user, follow_ups=follow_ups[pk], targets=targets[pk])
            for pk, user in people.items() if follow_ups[pk] or targets[pk]]


def language_of(user) -> str:
    """The language the trainer chose for the admin, else for their learner profile, else
    English."""
    languages = dict(settings.LANGUAGES)
    for profile, field in (("wagtail_userprofile", "preferred_language"),
                           ("learner_profile", "language")):
        try:
            language = getattr(getattr(user, profile), field)
        except ObjectDoesNotExist:
            continue
        if language in languages:
            return language
    return "en"


def digest_email(digest: Digest, today: datetime.date) -> EmailMultiAlternatives:
    trainer = digest.trainer
    context = {
        "name": trainer.first_name or trainer.email,
        "today": today,
        "follow_ups": [
            {"organisation": f.organisation, "due_on": f.next_follow_up_on,
             "overdue": f.next_follow_up_on < today, "contact": f,
             "url": absolute_url(reverse("follow_ups:organisation", args=[f.organisation_id]))}
            for f in digest.follow_ups],
        "targets": [
            {"organisation": t.organisation, "campaign": t.campaign, "due_on": t.next_follow_up_on,
             "overdue": t.next_follow_up_on < today,
             "url": absolute_url(reverse("campaigns:target", args=[t.pk]))}
            for t in digest.targets],
        "count": digest.count,
        "follow_ups_url": absolute_url(reverse("follow_ups:index")),
    }
    with translation.override(language_of(trainer)):
        subject = " ".join(render_to_string("outreach/emails/follow_up_digest_subject.txt",
                                            context).split())
        context["subject"] = subject
        text = render_to_string("outreach/emails/follow_up_digest.txt", context)
        html = render_to_string("outreach/emails/follow_up_digest.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[trainer.email])
    message.attach_alternative(html, "text/html")
    return message


def send_digests(today: datetime.date, progress_stream=None) -> int:
    """Email each trainer with something due; returns how many emails were sent."""
    due_now = digests(today)
    bar = Progress(len(due_now), stream=progress_stream)
    for digest in due_now:
        digest_email(digest, today).send()
        bar.update(1, digest.trainer.email)
    bar.close()
    return len(due_now)
