"""Joining an organisation (invite codes) and matching the employers learners typed to the
directory."""

import dataclasses

from django.db import transaction
from django.db.models import (
    Count,
    Max,
)
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.log_actions import log

from certificates.models import Certificate
from certificates.services import issuing

from ..models import Organisation, learner_profiles


def join_organisation(profile, organisation: Organisation, *, by=None):
    """Attach a learner to an organisation; the employer text follows the directory's name."""
    profile.organisation = organisation
    profile.employer = organisation.name
    profile.save(update_fields=["organisation", "employer", "updated_at"])
    log(organisation, "outreach.learner_joined", user=by or profile.user,
        data={"learner": profile.user_id})
    return profile


@dataclasses.dataclass
class EmployerRow:
    employer: str
    state: str
    learners: int
    suggestion: Organisation | None = None


def unmatched_employers(*, limit: int = 200) -> list[EmployerRow]:
    """Employers learners typed that are not linked to the directory, most learners first, each
    with the directory organisation of the same name in the same state when there is one.
    Two queries."""

    rows = list(
        learner_profiles().filter(organisation__isnull=True).exclude(employer="")
        .annotate(key=Lower("employer"))
        .order_by().values("key", "state")
        .annotate(learners=Count("pk"), employer=Max("employer"))
        .order_by("-learners", "key")[:limit]
    )
    names = {row["key"] for row in rows}
    suggestions = {}
    if names:
        for organisation in Organisation.objects.annotate(key=Lower("name")).filter(key__in=names):
            suggestions.setdefault((organisation.key, organisation.state), organisation)
    return [
        EmployerRow(row["employer"], row["state"], row["learners"],
                    suggestions.get((row["key"], row["state"])))
        for row in rows
    ]


@transaction.atomic
def match_employer(employer: str, state: str, organisation: Organisation, *, by) -> tuple[int, int]:
    """Link every learner who typed this employer in this state to the organisation, and the
    certificates they were issued under that name. Returns (learners, certificates) updated."""

    learners = (
        learner_profiles().filter(organisation__isnull=True, state=state)
        .annotate(key=Lower("employer")).filter(key=employer.strip().lower())
        .update(organisation=organisation, updated_at=timezone.now())
    )
    matched = (
        Certificate.objects.filter(organisation__isnull=True, state=state)
        .annotate(key=Lower("organisation_name")).filter(key=employer.strip().lower())
    )
    certificates = issuing.assign_organisation(matched, organisation)
    log(organisation, "outreach.employer_matched", user=by,
        data={"employer": employer, "state": state, "learners": learners,
              "certificates": certificates})
    return learners, certificates
