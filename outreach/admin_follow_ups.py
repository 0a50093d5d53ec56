"""Admin pages for partner follow-up: the list of follow-ups due, and one organisation's
contact person, contact dates, notes and assigned trainer. Coordinators see and keep every
organisation's; a trainer those assigned to them (another's answers 404). Who sees what and what
is due is services.follow_ups."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import FollowUpFilterForm, PartnerFollowUpForm
from .models import PartnerFollowUp
from .services import follow_ups

FOLLOW_UPS_PER_PAGE = 50


class FollowUpPage(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = ModelPermissionPolicy(PartnerFollowUp)
    permission_required = "change"
    header_icon = "mail"

    def get_today(self):
        """Today where the task force works; the one place these pages read the clock."""
        return timezone.localdate()

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
        if self.get_page_title() != _("Follow-ups"):
            items.append({"url": reverse("follow_ups:index"), "label": _("Follow-ups")})
        return items + [{"url": "", "label": self.get_page_title()}]


class FollowUpIndexView(FollowUpPage):
    """Follow-ups overdue or due within two weeks, the most overdue first."""

    template_name = "outreach/admin/follow_ups.html"
    page_title = gettext_lazy("Follow-ups")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, self.get_today()
        form = FollowUpFilterForm(self.request.GET or None,
                                  chooses_trainer=follow_ups.keeps_all(user))
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        # The county choice is "ST|County", as the directory stores the pair.
        state, _sep, county = filters.get("county", "").partition("|")
        due = follow_ups.due(user, today, trainer=filters.get("trainer"), state=state,
                             county=county)
        page = Paginator(due, FOLLOW_UPS_PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(form=form, page=page, follow_ups=page.object_list, today=today,
                       within_days=follow_ups.DUE_WITHIN_DAYS, filter_query=query.urlencode(),
                       keeps_all=follow_ups.keeps_all(user))
        return context


class FollowUpView(FollowUpPage):
    """One organisation's follow-up: read and changed on the same page. Every change is logged."""

    template_name = "outreach/admin/follow_up.html"

    def load(self):
        self.organisation, self.follow_up = follow_ups.organisation_for(
            self.request.user, self.kwargs["pk"])

    def get_page_title(self):
        return str(self.organisation)

    def get_form(self, data=None):
        return PartnerFollowUpForm(data, instance=self.follow_up,
                                   assigns_trainers=follow_ups.keeps_all(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(organisation=self.organisation, follow_up=self.follow_up,
                       today=self.get_today(),
                       keeps_all=follow_ups.keeps_all(self.request.user))
        return context

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if form.changed_data:
            follow_ups.save(form.save(commit=False), form.changed_data, by=request.user)
            messages.success(request, _("Follow-up for %(organisation)s saved.") % {
                "organisation": self.organisation})
        return redirect("follow_ups:organisation", self.organisation.pk)
