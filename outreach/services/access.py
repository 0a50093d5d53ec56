"""Who may see which organisation, its certificates and its invite code, and who may correct
which in-person session. Each function that returns an object answers 404 for anyone else."""


from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.http import Http404

from certificates.models import Certificate

from ..models import Campaign, CampaignTarget, InPersonSession, Organisation, OrganisationManager


def managed_organisation(user) -> Organisation | None:
    if not user.is_authenticated:
        return None
    manager = OrganisationManager.objects.select_related("organisation").filter(user=user).first()
    return manager.organisation if manager else None


def organisation_for(user, pk: int) -> Organisation:
    """The organisation if this user manages it or coordinates coverage; 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    organisation = Organisation.objects.select_related("group").filter(pk=pk).first()
    if organisation is None:
        raise Http404
    if user.has_perm("outreach.view_coverage") or manages(user, organisation):
        return organisation
    raise Http404


def organisation_certificate(user, organisation_pk: int, certificate_pk: int):
    """A certificate someone may download from an organisation's page: its manager, for a
    certificate issued at the organisation or held by someone on its staff now; coordinators who
    may download any certificate. 404 for everyone else, so no one learns it exists."""
    organisation = organisation_for(user, organisation_pk)
    if not (manages(user, organisation) or user.has_perm("certificates.download_certificate")):
        raise Http404
    certificate = Certificate.objects.filter(
        Q(organisation=organisation) | Q(user__learner_profile__organisation=organisation),
        pk=certificate_pk,
    ).first()
    if certificate is None:
        raise Http404
    return certificate


def may_see_invite_codes(user) -> bool:
    """An invite code lets anyone join the organisation and be seen by its manager, so codes are
    shown in the admin only to those who keep the directory."""
    return user.has_perm("outreach.change_organisation")


def sessions_editable_by(user):
    """The in-person sessions a user may correct.

    Whoever may also delete sessions from the log (coordinators) corrects any of them. Anyone else
    with the change permission (trainers, who deliver the trainings) corrects the sessions they
    delivered or logged, never a colleague's: the log is what in-person coverage counts.
    """
    sessions = InPersonSession.objects.all()
    if not user.is_authenticated or not user.has_perm("outreach.change_inpersonsession"):
        return sessions.none()
    if user.has_perm("outreach.delete_inpersonsession"):
        return sessions
    return sessions.filter(Q(trainer=user) | Q(created_by=user))


def may_edit_session(user, session: InPersonSession) -> bool:
    """sessions_editable_by for one session already loaded, without a query."""
    if not user.is_authenticated or not user.has_perm("outreach.change_inpersonsession"):
        return False
    return user.has_perm("outreach.delete_inpersonsession") or user.pk in (
        session.trainer_id, session.created_by_id)


def organisation_managed_by(user, pk: int) -> Organisation:
    """The organisation if this user manages it; 404 otherwise (coordinators included: what is
    built for a manager is the manager's)."""
    organisation = managed_organisation(user)
    if organisation is None or organisation.pk != pk:
        raise Http404
    return organisation


def manages(user, organisation: Organisation) -> bool:
    return user.is_authenticated and OrganisationManager.objects.filter(
        user=user, organisation=organisation).exists()


def runs_campaigns(user) -> bool:
    """Coordinators (who may change any campaign) see every campaign and target."""
    return user.is_authenticated and user.has_perm("outreach.change_campaign")


def campaigns_visible_to(user):
    """Every campaign for coordinators; for a trainer, those with a target assigned to them."""
    campaigns = Campaign.objects.all()
    if not user.is_authenticated or not user.has_perm("outreach.view_campaign"):
        return campaigns.none()
    if runs_campaigns(user):
        return campaigns
    return campaigns.filter(Exists(CampaignTarget.objects.filter(campaign=OuterRef("pk"),
                                                                 trainer=user)))


def targets_visible_to(user):
    """Every target for coordinators; a trainer's own targets for a trainer. Seeing a target
    means being able to update it: trainers hold the change permission for their own."""
    targets = CampaignTarget.objects.all()
    if not user.is_authenticated or not user.has_perm("outreach.change_campaigntarget"):
        return targets.none()
    if runs_campaigns(user):
        return targets
    return targets.filter(trainer=user)


def campaign_for(user, pk: int) -> Campaign:
    """A campaign this user may see; 404 otherwise."""
    campaign = campaigns_visible_to(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def target_for(user, pk: int) -> CampaignTarget:
    """A target this user may see and update; 404 otherwise, so no one learns it exists."""
    target = (targets_visible_to(user).select_related("campaign", "organisation", "trainer")
              .filter(pk=pk).first())
    if target is None:
        raise Http404
    return target
