import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from redflag.lib.adminkit import ChooserWithoutCreate
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from . import admin_campaigns, admin_follow_ups, admin_views, reports
from .forms import TrainerChoiceField
from .models import InPersonSession, Organisation, OrganisationManager, OutcomeReport
from .services import access

INVITE_FIELDS = ("display_invite_code", "get_invite_url")


class InPersonSessionPermissionPolicy(ModelPermissionPolicy):
    """Changing one session follows access.sessions_editable_by: trainers correct their own."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            return access.may_edit_session(user, instance)
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_permission_for(self, user, action):
        if action == "change":
            return access.sessions_editable_by(user)
        return super().instances_user_has_permission_for(user, action)


# Registered before the viewsets, which would otherwise create Wagtail's default policy.
register_permission_policy(InPersonSession, InPersonSessionPermissionPolicy(InPersonSession))


class CoverageViewSet(ViewSet):
    """The dashboard and its tables, for users with the view_coverage permission."""

    name = "coverage"
    url_prefix = "coverage"
    menu_label = _("Coverage dashboard")
    icon = "table"
    menu_order = 1

    @cached_property
    def menu_item_class(self):
        class CoverageMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("outreach.view_coverage")

        return CoverageMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.CoverageDashboardView.as_view(), name="dashboard"),
            path("groups/", reports.GroupCoverageReport.as_view(), name="groups"),
            path("groups/<int:group_id>/", reports.GroupOrganisationsReport.as_view(),
                 name="group"),
            path("months/", reports.MonthlyCoverageReport.as_view(), name="months"),
            path("counties/", reports.CountyCoverageReport.as_view(), name="counties"),
            path("not-reached/", reports.NotReachedReport.as_view(), name="not_reached"),
            path("organisations/<int:pk>/", reports.OrganisationPeopleReport.as_view(),
                 name="organisation"),
            path("outcomes/", reports.OutcomeFiguresReport.as_view(), name="outcomes"),
        ]


class CampaignViewSet(ViewSet):
    """Campaigns: coordinators run them, trainers see the ones they have targets in."""

    name = "campaigns"
    url_prefix = "campaigns"
    menu_label = _("Campaigns")
    icon = "crosshairs"
    menu_order = 5

    @cached_property
    def menu_item_class(self):
        class CampaignMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("outreach.view_campaign")

        return CampaignMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_campaigns.CampaignIndexView.as_view(), name="index"),
            path("new/", admin_campaigns.CampaignFormView.as_view(), name="add"),
            path("<int:pk>/", admin_campaigns.CampaignView.as_view(), name="campaign"),
            path("<int:pk>/edit/", admin_campaigns.CampaignFormView.as_view(), name="edit"),
            path("<int:pk>/delete/", admin_campaigns.CampaignDeleteView.as_view(),
                 name="delete"),
            path("<int:pk>/assign/", admin_campaigns.AssignTrainerView.as_view(),
                 name="assign"),
            path("targets/<int:pk>/", admin_campaigns.CampaignTargetView.as_view(),
                 name="target"),
            path("calendar/", admin_campaigns.CalendarFeedView.as_view(), name="calendar"),
        ]


class FollowUpViewSet(ViewSet):
    """Partner follow-up: coordinators keep every organisation's, trainers their own."""

    name = "follow_ups"
    url_prefix = "follow-ups"
    menu_label = _("Follow-ups")
    icon = "mail"
    menu_order = 6

    @cached_property
    def menu_item_class(self):
        class FollowUpMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("outreach.change_partnerfollowup")

        return FollowUpMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_follow_ups.FollowUpIndexView.as_view(), name="index"),
            path("organisations/<int:pk>/", admin_follow_ups.FollowUpView.as_view(),
                 name="organisation"),
        ]


class OrganisationIndexView(SnippetIndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not access.may_see_invite_codes(request.user):
            self.list_display = [
                column for column in self.list_display
                if getattr(column, "name", column) not in INVITE_FIELDS
            ]
            self.list_export = [field for field in self.list_export
                                if field not in INVITE_FIELDS]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        user = self.request.user
        if user.has_perms(["outreach.add_organisation", "outreach.change_organisation"]):
            buttons += [
                Button(_("Import from CSV or XLSX"), url=reverse("outreach_import"),
                       icon_name="upload", priority=10),
                Button(_("Match employers"), url=reverse("outreach_match_employers"),
                       icon_name="link", priority=20),
            ]
        return buttons


class OrganisationInspectView(SnippetInspectView):
    def get_fields(self):
        fields = super().get_fields()
        if access.may_see_invite_codes(self.request.user):
            return fields
        return [field for field in fields if field not in INVITE_FIELDS]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = ChooserWithoutCreate
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 2
    index_view_class = OrganisationIndexView
    inspect_view_class = OrganisationInspectView
    list_display = ["name", "group", "county", "state", "headcount",
                    Column("display_invite_code", label=_("Invite code"))]
    list_filter = ["group", "state"]
    search_fields = ["name", "county"]
    # Plain SQL search in the listing: imported organisations are found at once, and a county
    # is searched as typed.
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    list_export = ["name", "group", "state", "county", "address", "headcount",
                   "display_invite_code", "get_invite_url"]
    export_headings = {"display_invite_code": _("Invite code"), "get_invite_url": _("Invite link")}
    export_filename = "organisations"
    inspect_view_enabled = True
    inspect_view_fields = ["name", "group", "state", "county", "address", "headcount",
                           "display_invite_code", "get_invite_url"]
    panels = [
        FieldPanel("name"),
        FieldPanel("group"),
        FieldRowPanel([FieldPanel("state"), FieldPanel("county")], heading=_("Region")),
        FieldPanel("address"),
        FieldPanel("headcount"),
    ]


class InPersonSessionCreateView(CreateView):
    def get_initial(self):
        return {**super().get_initial(), "trainer": self.request.user.pk}

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class InPersonSessionForm(WagtailAdminModelForm):
    """Trainers by name and email address, as every drop-down of trainers shows them."""

    class Meta:
        field_classes = {"trainer": TrainerChoiceField}


class InPersonSessionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("trainer")

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)
        return None


class InPersonSessionEditView(EditView):
    def get_queryset(self):
        # Someone else's session answers 404, as if it were not there to edit.
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change")


class InPersonSessionViewSet(ModelViewSet):
    model = InPersonSession
    icon = "calendar-check"
    menu_label = _("In-person sessions")
    menu_order = 3
    add_view_class = InPersonSessionCreateView
    index_view_class = InPersonSessionIndexView
    edit_view_class = InPersonSessionEditView
    list_display = ["date", "place", "group", "organisation", "attendees",
                    Column("trainer_name", label=_("Trainer"))]
    list_filter = ["group", "state", "date"]
    search_fields = ["place", "notes", "roster"]
    ordering = ["-date", "-pk"]
    list_export = ["date", "place", "group", "organisation", "state", "county", "trainer_name",
                   "attendees", "roster", "notes"]
    export_headings = {"trainer_name": _("Trainer")}
    export_filename = "in-person-sessions"
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("date"), FieldPanel("attendees")]),
        FieldPanel("place"),
        FieldPanel("group"),
        FieldPanel("organisation", widget=AdminSnippetChooser(Organisation)),
        MultiFieldPanel([FieldRowPanel([FieldPanel("state"), FieldPanel("county")])],
                        heading=_("Region")),
        FieldPanel("trainer"),
        FieldPanel("roster"),
        FieldPanel("notes"),
    ], base_form_class=InPersonSessionForm)


class OrganisationManagerForm(WagtailAdminModelForm):
    """Managers are found by email: the user list is far too long for a drop-down."""

    email = forms.EmailField(label=_("Manager's email"),
                             help_text=_("The email address the manager signed up with."))

    class Meta:
        model = OrganisationManager
        fields = ["organisation"]
        widgets = {"organisation": AdminSnippetChooser(Organisation)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            raise forms.ValidationError(_("No one has signed up with this email address yet."))
        taken = OrganisationManager.objects.filter(user=user).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This person already manages an organisation."))
        self.instance.user = user
        return email


class OrganisationManagerIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organisation")


class OrganisationManagerViewSet(ModelViewSet):
    model = OrganisationManager
    icon = "user"
    menu_label = _("Organisation managers")
    menu_order = 4
    index_view_class = OrganisationManagerIndexView
    list_display = [Column("user_name", label=_("Manager")), "organisation"]
    search_fields = ["user__email", "organisation__name"]
    ordering = ["organisation__name"]

    def get_form_class(self, for_update=False):
        return OrganisationManagerForm


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Outcome reports are written by learners and their managers only (services.outcomes, with
    its rules and audit entry): in the admin, even a superuser may only read them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(OutcomeReport, ReadOnlyPermissionPolicy(OutcomeReport))


class OutcomeReportFilterSet(WagtailFilterSet):
    reported_on = django_filters.DateFromToRangeFilter(
        label=_("Date of the report"), widget=DateRangePickerWidget)
    county = django_filters.CharFilter(label=_("County"), lookup_expr="iexact")

    class Meta:
        model = OutcomeReport
        fields = ["channel", "group", "state", "county", "reported_on"]


class OutcomeReportViewSet(ModelViewSet):
    """Coordinators' listing of outcome reports: the date, the channel and the copies the
    figures count by. No names and no text: nothing here says who made a report."""

    model = OutcomeReport
    icon = "tasks"
    menu_label = _("Outcome reports")
    menu_order = 5
    list_display = ["reported_on", "channel", "group", "organisation", "county", "state",
                    "months_since_training"]
    filterset_class = OutcomeReportFilterSet
    form_fields = ["reported_on", "channel"]  # required by ModelViewSet; no view uses a form
    ordering = ["-reported_on", "-pk"]
    list_per_page = 50
    # No export: a file of single records would defeat the minimum cell size; the dashboard's
    # outcome figures export the counts instead.
    list_export = []

    def get_urlpatterns(self):
        # Read-only: the listing and its results, nothing to add, edit, copy or delete.
        return [pattern for pattern in super().get_urlpatterns()
                if pattern.name in ("index", "index_results")]


class OutreachViewSetGroup(ViewSetGroup):
    menu_label = _("Outreach")
    menu_icon = "group"
    menu_order = 250
    items = (CoverageViewSet, OrganisationViewSet, InPersonSessionViewSet,
             OrganisationManagerViewSet, CampaignViewSet, OutcomeReportViewSet,
             FollowUpViewSet)


@hooks.register("register_admin_viewset")
def register_outreach_viewsets():
    return OutreachViewSetGroup()


@hooks.register("register_admin_urls")
def register_outreach_urls():
    return [
        path("outreach/import/", admin_views.OrganisationImportView.as_view(),
             name="outreach_import"),
        path("outreach/match-employers/", admin_views.MatchEmployersView.as_view(),
             name="outreach_match_employers"),
    ]


@hooks.register("register_log_actions")
def register_outreach_actions(actions):
    actions.register_action("outreach.learner_joined", _("Learner joined"),
                            _("A learner joined with the invite code"))
    actions.register_action("outreach.employer_matched", _("Match employer"),
                            _("Learners' employer matched to this organisation"))
    actions.register_action("outreach.directory_imported", _("Import directory"),
                            _("Organisations imported from a file"))
    actions.register_action("outreach.certificates_downloaded", _("Download certificates"),
                            _("The manager asked for the staff's current certificates as a ZIP"))
    actions.register_action("outreach.campaign_targets_chosen", _("Choose targets"),
                            _("Organisations not reached added as campaign targets"))
    actions.register_action("outreach.calendar_feed_renewed", _("Renew calendar address"),
                            _("The trainer's calendar feed has a new secret address"))
    actions.register_action("outreach.outcome_recorded", _("Record outcome"),
                            _("A report made after the training was recorded"))
    actions.register_action("outreach.outcome_deleted", _("Delete outcome"),
                            _("A record of a report made after the training was deleted"))
