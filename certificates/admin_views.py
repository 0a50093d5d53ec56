"""The coordinators' certificate registry in the Wagtail admin.

List, inspect, revoke, reissue and download in bulk.
"""

import datetime

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from .filters import CertificateFilterSet, filtered_certificates, search_certificates
from .forms import ReissueForm, RevokeForm
from .models import Certificate
from .services import bulk_downloads, issuing

MAX_BULK = 20000
EMPTY = "—"  # an empty field on the inspect page, never "None"


def local_time(moment: datetime.datetime) -> str:
    """A moment as the task force reads it: in the active time zone (the coordinator's own, if
    they chose one in their account, else settings.TIME_ZONE), with the zone named."""
    moment = timezone.localtime(moment)
    return f"{date_format(moment, 'DATETIME_FORMAT')} {moment.tzname()}"
URL_NAMESPACE = "certificates_admin"


def admin_url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _filter_query(request) -> str:
    """The listing's filter and search, without paging or Wagtail's fragment marker."""
    query = request.GET.copy()
    for key in ("p", "_w_filter_fragment", "ordering"):
        query.pop(key, None)
    return query.urlencode()


def staff_actions(button_class, certificate, user) -> list:
    """Revoke and reissue, for the registry's list menu and the inspect page alike."""
    if certificate.revoked_at:
        return []
    actions = []
    if user.has_perm("certificates.revoke_certificate"):
        actions.append(button_class(
            _("Revoke"), url=admin_url("revoke", certificate.pk), icon_name="cross", priority=40
        ))
    if user.has_perm("certificates.reissue_certificate"):
        actions.append(button_class(
            _("Reissue with corrected name"), url=admin_url("reissue", certificate.pk),
            icon_name="repeat", priority=41,
        ))
    return actions


class StatusColumn(Column):
    cell_template_name = "certificates/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.status
        context["label"] = instance.get_status_display()
        return context


class CertificateIndexView(IndexView):
    results_template_name = "certificates/admin/index_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")

    def search_queryset(self, queryset):
        return search_certificates(queryset, self.search_query) if self.is_searching else queryset

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if user.has_perm("certificates.download_certificate"):
            buttons.append(
                MenuItem(
                    _("Download PDF"),
                    url=instance.get_download_url(),
                    icon_name="download",
                    priority=5,
                )
            )
        return buttons + staff_actions(MenuItem, instance, user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("certificates.download_certificate"):
            query = _filter_query(self.request)
            context["bulk_url"] = admin_url("bulk_new") + (f"?{query}" if query else "")
        return context


class CertificateInspectView(InspectView):
    def get_field_label(self, field_name, field):
        labels = {"status": _("Status"), "replaces": _("Replaces"),
                  "group_name": _("Stakeholder group")}
        return labels.get(field_name) or super().get_field_label(field_name, field)

    def get_code_display_value(self):
        return self.object.display_code

    def get_status_display_value(self):
        return self.object.get_status_display()

    def get_replaced_by_display_value(self):
        return str(self.object.replaced_by) if self.object.replaced_by_id else EMPTY

    def get_replaces_display_value(self):
        old = Certificate.objects.filter(replaced_by=self.object).first()
        return str(old) if old else EMPTY

    def get_revoked_by_display_value(self):
        return str(self.object.revoked_by) if self.object.revoked_by_id else EMPTY

    def get_revoked_at_display_value(self):
        return local_time(self.object.revoked_at) if self.object.revoked_at else _("Not revoked")

    def get_user_display_value(self):
        # SET_NULL when the learner deletes their account: the record stays, the account is gone.
        return str(self.object.user) if self.object.user_id else _("No learner account")

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY
        if isinstance(value, datetime.datetime):
            return local_time(value)
        return value

    @cached_property
    def header_buttons(self):
        if not self.request.user.has_perm("certificates.download_certificate"):
            return []
        url = self.object.get_download_url()
        return [HeaderButton(_("Download PDF"), url=url, icon_name="download")]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        user = self.request.user
        certificate = self.object
        buttons.append(
            Button(
                _("Public verification page"),
                url=certificate.get_verify_path(),
                icon_name="link-external",
                priority=2,
            )
        )
        buttons.append(
            Button(
                _("History"),
                url=admin_url("history", certificate.pk),
                icon_name="history",
                priority=3,
            )
        )
        return buttons + staff_actions(Button, certificate, user)


class CertificateHistoryView(HistoryView):
    # Coordinators hold only "view" (plus the action permissions); the audit trail is theirs.
    any_permission_required = ["view", "change"]
    header_buttons = []  # no "Edit": certificates are never edited


class _LiveCertificateMixin:
    """The certificate named in the URL, which must still be live: a revoked or replaced one is
    not acted on twice."""

    def dispatch(self, request, *args, **kwargs):
        self.certificate = get_object_or_404(Certificate, pk=kwargs["pk"])
        if self.certificate.revoked_at:
            messages.error(request, _("This certificate is already revoked or replaced."))
            return HttpResponseRedirect(admin_url("inspect", self.certificate.pk))
        return super().dispatch(request, *args, **kwargs)


# PermissionCheckedMixin comes first: without the permission, no one learns whether a
# certificate exists or is revoked.
class _CertificateActionView(
    PermissionCheckedMixin, _LiveCertificateMixin, WagtailAdminTemplateMixin, FormView
):
    permission_policy = ModelPermissionPolicy(Certificate)
    template_name = "certificates/admin/action_form.html"
    header_icon = "doc-full"

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": admin_url("index"), "label": _("Certificates")},
            {"url": admin_url("inspect", self.certificate.pk), "label": str(self.certificate)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.certificate,
            submit_label=self.submit_label,
            explanation=self.explanation,
            cancel_url=admin_url("inspect", self.certificate.pk),
        )
        return context


class RevokeView(_CertificateActionView):
    permission_required = "revoke"
    form_class = RevokeForm
    page_title = gettext_lazy("Revoke certificate")
    submit_label = gettext_lazy("Revoke certificate")
    explanation = gettext_lazy(
        "A revoked certificate shows as revoked, with today's date, to anyone who checks its code. "
        "This cannot be undone."
    )

    def form_valid(self, form):
        issuing.revoke_certificate(
            self.certificate, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("Certificate revoked."))
        return HttpResponseRedirect(admin_url("inspect", self.certificate.pk))


class ReissueView(_CertificateActionView):
    permission_required = "reissue"
    form_class = ReissueForm
    page_title = gettext_lazy("Reissue certificate")
    submit_label = gettext_lazy("Reissue with the corrected name")
    explanation = gettext_lazy(
        "The new certificate gets a new verification code and keeps the dates of the original "
        "pass. "
        "The old one shows as replaced to anyone who checks its code."
    )

    def get_initial(self):
        profile = (
            getattr(self.certificate.user, "learner_profile", None)
            if self.certificate.user_id
            else None
        )
        return {
            "learner_name": profile.certificate_name if profile else self.certificate.learner_name
        }

    def form_valid(self, form):
        new = issuing.reissue_certificate(
            self.certificate,
            by=self.request.user,
            learner_name=form.cleaned_data["learner_name"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request, _("Certificate reissued with code %(code)s.") % {"code": new.display_code}
        )
        return HttpResponseRedirect(admin_url("inspect", new.pk))


# A ZIP of many people's certificates and a roster: the password is asked again before it is built.
@method_decorator(reauthentication_required, name="post")
class BulkNewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm the selection, then start building the ZIP in the background."""

    permission_policy = ModelPermissionPolicy(Certificate)
    permission_required = "download"
    template_name = "certificates/admin/bulk_new.html"
    page_title = gettext_lazy("Download certificates")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": admin_url("index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def certificates(self):
        return filtered_certificates(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = CertificateFilterSet(data=self.request.GET, request=self.request)
        described = []
        if filterset.is_valid():
            for name in filterset.form.changed_data:
                value = filterset.form.cleaned_data.get(name)
                if value not in (None, "", []):
                    field = filterset.form.fields[name]
                    choices = dict(getattr(field, "choices", []) or [])
                    described.append((field.label, choices.get(value, value)))
        if self.request.GET.get("q"):
            described.append((_("Search"), self.request.GET["q"]))
        count = self.certificates.count()
        context.update(
            count=count,
            described=described,
            too_many=count > MAX_BULK,
            index_url=admin_url("index") + "?" + _filter_query(self.request),
            recent=bulk_downloads.registry_downloads(self.request.user)[:5],
        )
        return context

    def post(self, request, *args, **kwargs):
        ids = list(
            self.certificates.order_by("learner_name", "pk").values_list("pk", flat=True)[
                : MAX_BULK + 1
            ]
        )
        if not ids or len(ids) > MAX_BULK:
            messages.error(
                request, _("Choose between 1 and %(max)s certificates.") % {"max": MAX_BULK}
            )
            return HttpResponseRedirect(request.get_full_path())
        bulk = bulk_downloads.start_bulk_download(
            user=request.user, certificate_ids=ids, query=_filter_query(request)
        )
        return HttpResponseRedirect(admin_url("bulk_detail", bulk.pk))


class BulkDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "certificates/admin/bulk_detail.html"
    page_title = gettext_lazy("Certificate download")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        self.bulk = bulk_downloads.bulk_download_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": admin_url("index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        back = admin_url("index") + (f"?{self.bulk.query}" if self.bulk.query else "")
        context.update(
            bulk=self.bulk,
            index_url=back,
            download_url=admin_url("bulk_file", self.bulk.pk),
            retry_url=admin_url("bulk_new") + (f"?{self.bulk.query}" if self.bulk.query else ""),
        )
        return context


def bulk_file(request, pk):
    bulk = bulk_downloads.bulk_download_for(request.user, pk)
    if bulk.status != bulk.State.DONE or not bulk.file:
        return HttpResponseRedirect(admin_url("bulk_detail", bulk.pk))
    return bulk_downloads.bulk_file_response(bulk, filename=bulk.file.name.rsplit("/", 1)[-1])
