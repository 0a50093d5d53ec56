"""Admin pages for coordinators: the coverage dashboard, the directory import, matching
employers to the directory."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from . import charts, importers, maps
from .forms import ImportForm, MatchEmployerForm
from .models import Organisation
from .reports import CoverageAccessMixin, _group_dict
from .services import coverage, follow_ups, membership, outcomes

COUNTIES_ON_DASHBOARD = 15
IMPORT_SESSION_KEY = "outreach_import_rows"


class CoverageDashboardView(CoverageAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "outreach/admin/dashboard.html"
    page_title = gettext_lazy("Coverage")
    header_icon = "table"
    breadcrumbs_items = [{"url": "", "label": gettext_lazy("Home")}]

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": "", "label": _("Coverage")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        f = self.coverage_filter
        refresh = "refresh" in self.request.GET
        figures = coverage.dashboard_figures(f, refresh=refresh)
        groups = figures["groups"]
        counties = sorted(figures["counties"], key=lambda row: (-row.people, row.state, row.county))
        query = self.filter_query
        context.update(
            form=self.filter_form,
            media=self.filter_form.media,
            coverage_filter=f,
            filter_summary=self.filter_summary(),
            filter_query=query,
            groups=[_group_dict(row) for row in groups[:-1]],
            total=_group_dict(groups[-1]),
            months=figures["months"],
            chart=charts.monthly_bars(figures["months"]),
            # Drawn from the figures already computed: the map adds no query.
            coverage_map=maps.coverage_map(figures["counties"], state=f.state,
                                           described_by="coverage-map-note"),
            counties=counties[:COUNTIES_ON_DASHBOARD],
            county_count=len(counties),
            not_reached=figures["not_reached"],
            not_reached_count=figures["not_reached_count"],
            **self.follow_ups_due(f),
            computed_at=figures["computed_at"],
            # The coordinator's own view: exact counts. Every export suppresses small ones.
            outcomes=outcomes.dashboard_figures(f, figures, refresh=refresh),
            exports={
                name: {
                    "url": f"{reverse('coverage:' + name)}?{query}",
                    "csv": f"{reverse('coverage:' + name)}?{query}&export=csv",
                    "xlsx": f"{reverse('coverage:' + name)}?{query}&export=xlsx",
                }
                for name in ("groups", "months", "counties", "not_reached", "outcomes")
            },
        )
        return context

    def follow_ups_due(self, f: coverage.CoverageFilter) -> dict:
        """The partner follow-ups due by today in the dashboard's region, group or organisation:
        the first few and how many, two queries whatever their number."""
        user = self.request.user
        if not user.has_perm("outreach.change_partnerfollowup"):
            return {"shows_follow_ups": False}
        due = follow_ups.due(user, f.today, within_days=0, state=f.state, county=f.county,
                             group_id=f.group_id, organisation_id=f.organisation_id)
        return {"shows_follow_ups": True,
                "follow_ups_due": list(due[:follow_ups.DASHBOARD_SHOWN]),
                "follow_ups_due_count": due.count()}


# Directory import ------------------------------------------------------------------------------

class ImportAccessMixin(PermissionCheckedMixin):
    permission_policy = ModelPermissionPolicy(Organisation)
    # Importing and matching create organisations and change existing ones, so both are needed:
    # the mixin asks for permission_required and then for one of any_permission_required.
    permission_required = "add"
    any_permission_required = ["change"]


class OrganisationImportView(ImportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload, preview, then confirm: the preview keeps the file's rows in the session."""

    template_name = "outreach/admin/import.html"
    page_title = gettext_lazy("Import organisations")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("wagtailsnippets_outreach_organisation:list"),
                 "label": _("Organisations")},
                {"url": "", "label": _("Import")}]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = kwargs.get("plan")
        if plan is not None:
            context["counts"] = {action: plan.count(action)
                                 for action in ("create", "update", "unchanged")}
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        plan = file_error = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = importers.read_rows(upload.name, upload.read())
            except importers.ImportFileError as error:
                file_error = str(error)
                form.add_error("file", file_error)
            else:
                plan = importers.plan_import(rows)
                if plan.is_valid:
                    request.session[IMPORT_SESSION_KEY] = {"name": upload.name, "rows": rows}
                else:
                    request.session.pop(IMPORT_SESSION_KEY, None)
        return self.render_to_response(self.get_context_data(
            form=form if plan is None or not plan.is_valid else ImportForm(),
            plan=plan, filename=form.cleaned_data.get("file").name if plan else "",
        ))

    def confirm(self, request):
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("outreach_import")
        try:
            plan = importers.apply_import(stored["rows"], by=request.user)
        except importers.ImportRejected as rejected:
            request.session.pop(IMPORT_SESSION_KEY, None)
            return self.render_to_response(self.get_context_data(
                form=ImportForm(), plan=rejected.plan, filename=stored["name"]))
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(request, _("Imported %(file)s: %(created)s organisations created, "
                                    "%(updated)s updated.") % {
            "file": stored["name"], "created": plan.count("create"),
            "updated": plan.count("update")})
        return redirect("wagtailsnippets_outreach_organisation:list")


# Matching employers ----------------------------------------------------------------------------

class MatchEmployersView(ImportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Learners who typed an employer instead of using an invite code, linked by a coordinator."""

    template_name = "outreach/admin/match_employers.html"
    page_title = gettext_lazy("Match employers to organisations")
    header_icon = "link"

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("wagtailsnippets_outreach_organisation:list"),
                 "label": _("Organisations")},
                {"url": "", "label": _("Match employers")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = membership.unmatched_employers()
        forms = [
            (row, MatchEmployerForm(
                prefix=f"match-{index}",
                initial={"employer": row.employer, "state": row.state,
                         "organisation": row.suggestion.pk if row.suggestion else None}))
            for index, row in enumerate(rows)
        ]
        context.update(rows=forms, media=MatchEmployerForm().media)
        return context

    def post(self, request, *args, **kwargs):
        prefix = request.POST.get("prefix", "")
        form = MatchEmployerForm(request.POST, prefix=prefix)
        if not prefix.startswith("match-") or not form.is_valid():
            messages.error(request, _("Choose an organisation for the employer."))
            return redirect("outreach_match_employers")
        data = form.cleaned_data
        learners, certificates = membership.match_employer(
            data["employer"], data["state"], data["organisation"], by=request.user)
        messages.success(request, _("“%(employer)s” (%(state)s) is now %(organisation)s: "
                                    "%(learners)s learners and %(certificates)s certificates "
                                    "linked.") % {
            "employer": data["employer"], "state": data["state"],
            "organisation": data["organisation"].name, "learners": learners,
            "certificates": certificates})
        return redirect("outreach_match_employers")
