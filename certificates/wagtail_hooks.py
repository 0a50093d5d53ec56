"""The certificate registry in the Wagtail admin, for coordinators.

Certificates are issued only by passing a quiz and never edited: the registry lists, inspects,
revokes and reissues. Every such action is logged with Wagtail's audit log (who, when, what, why).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from . import admin_views
from .filters import SEARCH_FIELDS, CertificateFilterSet
from .models import BulkDownload, Certificate
from .services import bulk_downloads


class CertificateURLFinder:
    """Where an audit entry about a certificate leads (site history, admin_edit_url): the inspect
    page, since there is no edit view, for anyone who may see the registry."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, certificate):
        if self.user is not None and not self.user.has_perm("certificates.view_certificate"):
            return None
        return admin_views.admin_url("inspect", certificate.pk)


class BulkDownloadURLFinder:
    """A bulk download opens only for the coordinator who asked for it; for anyone else its
    audit entry is plain text rather than a link that would answer 404."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, bulk):
        if self.user is None or not bulk_downloads.may_open_bulk_download(self.user, bulk):
            return None
        return admin_views.admin_url("bulk_detail", bulk.pk)


register_admin_url_finder(BulkDownload, BulkDownloadURLFinder)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates"
    url_prefix = "certificates"
    url_namespace = admin_views.URL_NAMESPACE
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = admin_views.CertificateIndexView
    inspect_view_class = admin_views.CertificateInspectView
    history_view_class = admin_views.CertificateHistoryView
    inspect_view_enabled = True
    inspect_view_fields = [
        "learner_name",
        "course_title",
        "group_name",
        "organisation_name",
        "job_role",
        "state",
        "county",
        "zip_code",
        "score_percent",
        "passed_at",
        "issued_on",
        "expires_on",
        "code",
        "status",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
        "replaced_by",
        "replaces",
        "user",
    ]
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "learner_name",
        Column("course_title", label=_("Course"), sort_key="course_title"),
        Column("group_name", label=_("Stakeholder group"), sort_key="group_name"),
        Column("organisation_name", label=_("Organisation"), sort_key="organisation_name"),
        # Calendar dates, not "3 days ago": an expiry is a day the coordinator plans around.
        Column("issued_on", label=_("Issued"), sort_key="issued_on"),
        Column("expires_on", label=_("Expires"), sort_key="expires_on"),
        admin_views.StatusColumn("status", label=_("Status")),
    ]
    ordering = ["-issued_on", "-pk"]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy or delete: certificates come from passes and are never rewritten.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    # Wagtail's default finder points at the edit view, which certificates do not have.
    url_finder_class = CertificateURLFinder

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering=self.ordering, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("revoke/<int:pk>/", admin_views.RevokeView.as_view(), name="revoke"),
            path("reissue/<int:pk>/", admin_views.ReissueView.as_view(), name="reissue"),
            path("bulk/", admin_views.BulkNewView.as_view(), name="bulk_new"),
            path("bulk/<int:pk>/", admin_views.BulkDetailView.as_view(), name="bulk_detail"),
            path("bulk/<int:pk>/download/", admin_views.bulk_file, name="bulk_file"),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()


class _ReasonFormatter(LogFormatter):
    # The reason is part of the message so the history listing shows why, not only what.
    def format_message(self, log_entry):
        reason = log_entry.data.get("reason")
        return f"{self.message}: {reason}" if reason else self.message

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


def _formatter(label, message):
    return type(
        "CertificateLogFormatter", (_ReasonFormatter,), {"label": label, "message": message}
    )


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    actions.register_action("certificate.issued", _("Issue certificate"), _("Certificate issued"))
    actions.register_action("certificate.revoked")(
        _formatter(_("Revoke certificate"), _("Certificate revoked"))
    )
    actions.register_action("certificate.replaced")(
        _formatter(_("Replace certificate"), _("Certificate replaced by a corrected one"))
    )
    actions.register_action("certificate.reissued")(
        _formatter(_("Reissue certificate"), _("Certificate reissued after a correction"))
    )
    actions.register_action(
        "certificate.bulk_download",
        _("Bulk download certificates"),
        _("Certificates downloaded in bulk"),
    )
