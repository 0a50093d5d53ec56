"""Admin pages for campaigns: coordinators create and edit campaigns and assign trainers;
trainers see the campaigns they have targets in, update their own targets and keep the secret
address of their calendar feed. Who sees what is services.access; the figures are
services.campaigns."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import AssignTrainerForm, CampaignForm, CampaignTargetForm
from .models import Campaign, CampaignTarget
from .services import access, campaigns, outcomes

TARGETS_PER_PAGE = 50
OVERDUE_SHOWN = 50


class CampaignAccessMixin(PermissionCheckedMixin):
    permission_policy = ModelPermissionPolicy(Campaign)
    permission_required = "view"


class CampaignPage(CampaignAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "crosshairs"

    def get_today(self):
        """Today where the task force works; the one place these pages read the clock."""
        return timezone.localdate()

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                 {"url": reverse("campaigns:index"), "label": _("Campaigns")}]
        campaign = getattr(self, "campaign", None)
        if campaign is not None and campaign.pk and self.get_page_title() != str(campaign):
            items.append({"url": reverse("campaigns:campaign", args=[campaign.pk]),
                          "label": str(campaign)})
        return items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = context.setdefault("campaign", getattr(self, "campaign", None))
        # A saved campaign's own pages offer its deletion; a target's page does not.
        context["may_delete"] = bool(
            campaign is not None and campaign.pk and "target" not in context
            and self.request.user.has_perm("outreach.delete_campaign"))
        return context


class CampaignIndexView(CampaignPage):
    template_name = "outreach/admin/campaigns.html"
    page_title = gettext_lazy("Campaigns")

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": "", "label": _("Campaigns")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mine = Q() if access.runs_campaigns(user) else Q(targets__trainer=user)
        context.update(
            campaigns=access.campaigns_visible_to(user).annotate(
                target_count=Count("targets", filter=mine)).order_by("-starts_on", "-pk"),
            may_add=user.has_perm("outreach.add_campaign"),
        )
        return context


def _local_minutes(value):
    """A session's start as the task force's clock reads it, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _local_naive(value):
    # A spreadsheet cell has no time zone: the local time, as the campaign page shows it.
    return timezone.make_naive(value) if value else None


class CampaignView(SpreadsheetExportMixin, CampaignPage):
    """The campaign page: progress against the goal, the targets, overdue follow-ups and, per
    trainer, what is theirs. A trainer sees their own targets only; the same number of queries
    whatever the number of targets. `?export=csv` or `xlsx` downloads the targets the page
    lists, all of them, with their stage and dates."""

    template_name = "outreach/admin/campaign.html"
    show_export_buttons = False  # the links sit under the targets' heading, by what they download
    list_export = ["organisation.name", "organisation.county", "organisation.state",
                   "stage_label", "trainer_name", "session_starts_at", "session_place",
                   "last_contact_on", "next_follow_up_on"]
    export_headings = {
        "organisation.name": gettext_lazy("Organisation"),
        "organisation.county": gettext_lazy("County"),
        "organisation.state": gettext_lazy("State"),
        "stage_label": gettext_lazy("Status"),
        "trainer_name": gettext_lazy("Trainer"),
        "session_starts_at": gettext_lazy("Session"),
        "session_place": gettext_lazy("Session place"),
        "last_contact_on": gettext_lazy("Last contact"),
        "next_follow_up_on": gettext_lazy("Next follow-up"),
    }
    custom_field_preprocess = {
        "session_starts_at": {SpreadsheetExportMixin.FORMAT_CSV: _local_minutes,
                              SpreadsheetExportMixin.FORMAT_XLSX: _local_naive},
    }

    def get_page_title(self):
        return str(self.campaign)

    def get_filename(self):
        return f"campaign-{self.campaign.pk}-targets"

    def get(self, request, *args, **kwargs):
        self.campaign = access.campaign_for(request.user, kwargs["pk"])
        if self.is_export:
            return self.as_spreadsheet(self.exported_targets(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def visible_targets(self):
        """The campaign's targets this user sees: all of them, or a trainer's own."""
        return access.targets_visible_to(self.request.user).filter(campaign=self.campaign)

    def targets(self, today):
        """The targets this user sees, with whether each is trained, by organisation name."""
        return (campaigns.with_trained(self.visible_targets(), self.campaign, today)
                .select_related("organisation", "trainer")
                .order_by("organisation__name", "pk"))

    def exported_targets(self):
        today = self.get_today()
        for target in self.targets(today).iterator(chunk_size=1000):
            target.stage_label = campaigns.STAGES[campaigns.stage(target, today)]
            yield target

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, campaign, today = self.request.user, self.campaign, self.get_today()
        visible = self.visible_targets()
        page = Paginator(self.targets(today), TARGETS_PER_PAGE).get_page(self.request.GET.get("p"))
        for target in page.object_list:
            target.stage = campaigns.STAGES[campaigns.stage(target, today)]
        overdue = list(campaigns.overdue(visible, today)[:OVERDUE_SHOWN])
        progress = campaigns.progress(campaign, today)
        runs_campaigns = access.runs_campaigns(user)
        context.update(
            campaign=campaign,
            groups=list(campaign.groups.all()),
            progress=progress,
            # The exact number is the coordinator's, as on their dashboard; a trainer reads it
            # through the minimum cell size, since "one report from the hotel I trained" could
            # point at a person they met.
            outcome_reports=(progress.outcome_reports if runs_campaigns
                             else outcomes.suppress(progress.outcome_reports)),
            page=page,
            targets=page.object_list,
            overdue=overdue,
            trainers=campaigns.per_trainer(visible, campaign, today),
            today=today,
            runs_campaigns=runs_campaigns,
            assign_form=AssignTrainerForm(campaign=campaign) if runs_campaigns else None,
        )
        return context


class AssignTrainerView(CampaignPage):
    """The campaign page's "Assign" button: the ticked targets go to one trainer."""

    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        campaign = get_object_or_404(Campaign, pk=kwargs["pk"])
        form = AssignTrainerForm(request.POST, campaign=campaign)
        if not form.is_valid():
            messages.error(request, _("Tick the targets to assign, then choose a trainer."))
        else:
            count = campaigns.assign(form.cleaned_data["targets"], form.cleaned_data["trainer"],
                                     by=request.user)
            messages.success(request, ngettext("%(count)s target assigned.",
                                               "%(count)s targets assigned.", count)
                             % {"count": count})
        return redirect(reverse("campaigns:campaign", args=[campaign.pk]) + (
            f"?p={request.POST['p']}" if request.POST.get("p", "").isdigit() else ""))


class CampaignFormView(CampaignPage):
    """Create (no pk) or edit a campaign; saving chooses the not-reached organisations of its
    groups and counties as targets."""

    template_name = "outreach/admin/campaign_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail's permission check runs before get and post: creating needs "add", editing
        # "change"; the campaign itself is looked up after it.
        self.permission_required = "change" if "pk" in kwargs else "add"

    def load(self):
        pk = self.kwargs.get("pk")
        self.campaign = get_object_or_404(Campaign, pk=pk) if pk else Campaign()

    def get_page_title(self):
        return _("Edit campaign") if self.campaign.pk else _("New campaign")

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_to_response(self.get_context_data(
            form=CampaignForm(instance=self.campaign)))

    def post(self, request, *args, **kwargs):
        self.load()
        form = CampaignForm(request.POST, instance=self.campaign)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        creating = not self.campaign.pk
        with transaction.atomic():
            campaign = form.save(commit=False)
            if creating:
                campaign.created_by = request.user
            campaign.save()
            form.save_m2m()
            if creating or form.has_changed():
                log(instance=campaign, action="wagtail.create" if creating else "wagtail.edit",
                    user=request.user, data={"fields": form.changed_data}, content_changed=True)
            added = campaigns.choose_targets(campaign, by=request.user, today=self.get_today())
        messages.success(request, ngettext("Campaign “%(name)s” saved: %(count)s new target.",
                                           "Campaign “%(name)s” saved: %(count)s new targets.",
                                           added) % {"name": campaign.name, "count": added})
        return redirect("campaigns:campaign", campaign.pk)


class CampaignDeleteView(CampaignPage):
    """Asks first, naming the campaign and what goes with it; deletes on the confirming POST.
    Deleting needs Wagtail's "delete" permission (coordinators); a campaign the user may not
    see answers 404."""

    permission_required = "delete"
    template_name = "outreach/admin/campaign_delete.html"
    page_title = gettext_lazy("Delete campaign")
    header_icon = "bin"

    def load(self):
        self.campaign = access.campaign_for(self.request.user, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.load()
        targets = self.campaign.targets.aggregate(
            total=Count("pk"), assigned=Count("pk", filter=Q(trainer__isnull=False)))
        return self.render_to_response(self.get_context_data(
            target_count=targets["total"], assigned_count=targets["assigned"]))

    def post(self, request, *args, **kwargs):
        self.load()
        name = self.campaign.name
        count = campaigns.delete_campaign(self.campaign, by=request.user)
        messages.success(request, ngettext(
            "Campaign “%(name)s” deleted, with its %(count)s target.",
            "Campaign “%(name)s” deleted, with its %(count)s targets.", count) % {
            "name": name, "count": count})
        return redirect("campaigns:index")


class CampaignTargetView(CampaignPage):
    """One target's status, session and contact dates; coordinators also assign the trainer.
    Another trainer's target answers 404."""

    permission_policy = ModelPermissionPolicy(CampaignTarget)
    permission_required = "change"
    template_name = "outreach/admin/campaign_form.html"

    def load(self):
        self.target = access.target_for(self.request.user, self.kwargs["pk"])
        self.campaign = self.target.campaign

    def get_page_title(self):
        return str(self.target.organisation)

    def get_form(self, data=None):
        return CampaignTargetForm(data, instance=self.target,
                                  assigns_trainers=access.runs_campaigns(self.request.user))

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_to_response(self.get_context_data(form=self.get_form(),
                                                             target=self.target))

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, target=self.target))
        if form.changed_data:
            campaigns.update_target(form.save(commit=False), form.changed_data, by=request.user)
            messages.success(request, _("%(organisation)s updated.") % {
                "organisation": self.target.organisation})
        return redirect("campaigns:campaign", self.campaign.pk)


class CalendarFeedView(CampaignPage):
    """A trainer's calendar address, and a button that replaces it when it has leaked."""

    permission_policy = ModelPermissionPolicy(CampaignTarget)
    permission_required = "change"
    template_name = "outreach/admin/calendar_feed.html"
    page_title = gettext_lazy("My calendar feed")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = campaigns.feed_for(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        campaigns.renew_feed(request.user)
        messages.success(request, _("Your calendar has a new address. The old one no longer "
                                    "works: subscribe again with the new one."))
        return redirect("campaigns:calendar")
