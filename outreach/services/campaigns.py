"""Campaigns: which organisations a campaign targets, which of them are trained, its progress
against its goal, overdue follow-ups, and the trainers' calendar feeds.

Trained is never typed. A target is trained when its organisation was reached (the coverage
definition, services.coverage.reached) from the campaign's start to today: an in-person session
held for it, or a counted certificate issued there. The campaign page costs the same number of
queries whatever the number of targets.

What came of it is counted the way the dashboard counts it (services.outcomes): the reports
recorded since the campaign's start by people whose training counted at one of its targets.
"""

import dataclasses
import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from redflag.lib.people import display_name
from wagtail.log_actions import log

from ..models import CalendarFeed, Campaign, CampaignTarget, Organisation, OutcomeReport
from . import coverage

STAGES = {
    "new": _("Not contacted yet"),
    "contacted": _("Contacted"),
    "scheduled": _("Session scheduled"),
    "trained": _("Trained"),
    "follow_up_due": _("Follow-up due"),
}


def county_choices() -> list[tuple[str, str]]:
    """The directory's counties, as it stores them: ("CA|Alameda", "Alameda, CA")."""
    places = (Organisation.objects.order_by("state", "county").values_list("state", "county")
              .distinct())
    return [(f"{state}|{county}", f"{county}, {state}") for state, county in places]


def not_reached_organisations(groups, counties, today: datetime.date):
    """The directory's organisations in these groups and [state, county] pairs that the
    dashboard lists as not reached (its default period up to today)."""
    in_counties = Q(pk__in=[])
    for state, county in counties:
        in_counties |= Q(state=state, county=county)
    return (coverage.not_reached(coverage.CoverageFilter.default(today))
            .filter(group__in=list(groups)).filter(in_counties))


@transaction.atomic
def choose_targets(campaign: Campaign, *, by, today: datetime.date) -> int:
    """Add the not-reached organisations matching the campaign's groups and counties as its
    targets; those already targeted stay as they are. Returns how many were added."""
    taken = campaign.targets.values("organisation_id")
    organisations = (not_reached_organisations(campaign.groups.all(), campaign.counties, today)
                     .exclude(pk__in=taken).values_list("pk", flat=True))
    created = CampaignTarget.objects.bulk_create(
        [CampaignTarget(campaign=campaign, organisation_id=pk) for pk in organisations])
    if created:
        log(instance=campaign, action="outreach.campaign_targets_chosen", user=by,
            data={"added": len(created)})
    return len(created)


def campaign_filter(campaign: Campaign, today: datetime.date) -> coverage.CoverageFilter:
    """The coverage period a campaign is judged on: from its start to today."""
    return coverage.CoverageFilter(date_from=campaign.starts_on, date_to=today, today=today)


def with_trained(targets, campaign: Campaign, today: datetime.date):
    """Targets annotated with `trained`, in the same query."""
    return targets.annotate(
        trained=coverage.reached(campaign_filter(campaign, today), "organisation_id"))


def stage(target: CampaignTarget, today: datetime.date) -> str:
    """Where a target stands: its typed status until it is trained, then trained or, once its
    next follow-up date has come, follow-up due. `target` carries `trained` (with_trained)."""
    if target.trained:
        if target.next_follow_up_on and target.next_follow_up_on <= today:
            return "follow_up_due"
        return "trained"
    return target.status


@dataclasses.dataclass
class Progress:
    goal_kind: str
    goal: int
    targets: int
    organisations_reached: int
    people_online: int
    people_in_person: int
    outcome_reports: int

    @property
    def people(self) -> int:
        return self.people_online + self.people_in_person

    @property
    def achieved(self) -> int:
        return self.people if self.goal_kind == Campaign.Goal.PEOPLE else (
            self.organisations_reached)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.achieved / self.goal)) if self.goal else 0


def progress(campaign: Campaign, today: datetime.date) -> Progress:
    """People trained and organisations reached at the campaign's targets since its start, and
    the reports their staff recorded since then. Four queries."""
    f = campaign_filter(campaign, today)
    counts = campaign.targets.order_by().aggregate(
        targets=Count("pk"), reached=Count("pk", filter=coverage.reached(f, "organisation_id")))
    organisations = Organisation.objects.filter(
        Exists(CampaignTarget.objects.filter(campaign=campaign, organisation_id=OuterRef("pk"))))
    online, in_person = coverage.people_trained_at(f, organisations)
    return Progress(goal_kind=campaign.goal_kind, goal=campaign.goal, targets=counts["targets"],
                    organisations_reached=counts["reached"], people_online=online,
                    people_in_person=in_person,
                    outcome_reports=outcome_reports(campaign, today))


def outcome_reports(campaign: Campaign, today: datetime.date) -> int:
    """Reports made after training by the staff of the campaign's targets, from its start to
    today. A report belongs to the organisation its learner's training counted at (copied when
    it is recorded, services.outcomes.record), so a learner who moves on takes no report along
    and the campaign counts what the dashboard counts for the same places. One query, over the
    outcome_organisation index whatever the number of targets."""
    return (OutcomeReport.objects
            .filter(reported_on__gte=campaign.starts_on, reported_on__lte=today,
                    organisation_id__in=campaign.targets.values("organisation_id"))
            .count())


def overdue(targets, today: datetime.date):
    """Targets whose next follow-up date is before today, the longest overdue first."""
    return (targets.filter(next_follow_up_on__lt=today)
            .select_related("organisation", "trainer").order_by("next_follow_up_on", "pk"))


@dataclasses.dataclass
class TrainerRow:
    trainer_id: int | None
    name: str
    targets: int
    contacted: int
    scheduled: int
    trained: int
    overdue: int


def per_trainer(targets, campaign: Campaign, today: datetime.date) -> list[TrainerRow]:
    """Per assigned trainer (and the unassigned), how many targets and where they stand, each
    target counted in the column of its stage (stage()): a trained target is trained, whatever
    status was typed before. One query."""
    reached = coverage.reached(campaign_filter(campaign, today), "organisation_id")
    contacted = Q(status=CampaignTarget.Status.CONTACTED) & ~reached
    scheduled = Q(status=CampaignTarget.Status.SCHEDULED) & ~reached
    rows = (targets.order_by().values("trainer_id", "trainer__first_name", "trainer__last_name",
                                      "trainer__email")
            .annotate(n=Count("pk"),
                      contacted=Count("pk", filter=contacted),
                      scheduled=Count("pk", filter=scheduled),
                      trained=Count("pk", filter=reached),
                      overdue=Count("pk", filter=Q(next_follow_up_on__lt=today))))
    result = []
    for row in rows:
        trainer = get_user_model()(first_name=row["trainer__first_name"] or "",
                                   last_name=row["trainer__last_name"] or "",
                                   email=row["trainer__email"] or "")
        result.append(TrainerRow(
            trainer_id=row["trainer_id"],
            name=display_name(trainer) if row["trainer_id"] else str(_("Not assigned")),
            targets=row["n"], contacted=row["contacted"], scheduled=row["scheduled"],
            trained=row["trained"], overdue=row["overdue"]))
    return sorted(result, key=lambda row: (row.trainer_id is None, row.name.lower()))


@transaction.atomic
def update_target(target: CampaignTarget, changed: list[str], *, by) -> None:
    """Save a target's changed fields and log the change."""
    target.save(update_fields=[*changed, "updated_at"])
    log(instance=target, action="wagtail.edit", user=by, data={"fields": changed},
        content_changed=True)


@transaction.atomic
def assign(targets, trainer, *, by) -> int:
    """Give these targets to a trainer (None: to no one), each change logged on its target."""
    changed = [target for target in targets if target.trainer_id != getattr(trainer, "pk", None)]
    for target in changed:
        target.trainer = trainer
        update_target(target, ["trainer"], by=by)
    return len(changed)


@transaction.atomic
def delete_campaign(campaign: Campaign, *, by) -> int:
    """Delete a campaign and its targets, with their trainers, statuses and dates. Nothing else
    goes: organisations, in-person sessions, certificates and outcome reports belong to the
    directory and the training log, which the campaign only read. Returns how many targets went.

    Logged on the campaign before it goes, with the number of its targets, since the targets
    leave no entry of their own."""
    count = campaign.targets.count()
    log(instance=campaign, action="wagtail.delete", user=by, data={"targets": count},
        deleted=True)
    campaign.delete()
    return count


# Calendar feeds ------------------------------------------------------------------------------

def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def renew_feed(user) -> CalendarFeed:
    """A new secret address for the trainer's calendar; the old one stops answering."""
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed.objects.create(user=user)
    log(instance=feed, action="outreach.calendar_feed_renewed", user=user)
    return feed


def scheduled_sessions(user):
    """The sessions scheduled at a trainer's targets, in date order."""
    return (CampaignTarget.objects.filter(trainer=user, session_starts_at__isnull=False)
            .select_related("organisation", "campaign").order_by("session_starts_at", "pk"))
