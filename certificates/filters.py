"""The registry's filters, shared by the listing and the bulk download alike."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redflag.lib.regions import US_STATES
from redflag.lib.search import Folded, fold
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses import locales
from courses.models import CoursePage, StakeholderGroup

from . import codes
from .models import Certificate

STATUS_CHOICES = [
    ("current", _("Current (valid today)")),
    ("expiring_30", _("Expiring within 30 days")),
    ("expiring_60", _("Expiring within 60 days")),
    ("expiring_90", _("Expiring within 90 days")),
    ("expired", _("Expired")),
    ("revoked", _("Revoked or replaced")),
    ("replaced", _("Replaced after a correction")),
]

SEARCH_FIELDS = ["learner_name", "course_title", "organisation_name", "job_role"]


def search_certificates(queryset, query: str):
    """Name, course, organisation or job role contain the words, accents and case aside ("lucia"
    finds Lucía, "LUCÍA" finds Lucia), or the query is a typed code."""
    query = (query or "").strip()
    if not query:
        return queryset
    code = codes.normalise(query)
    if code:
        return queryset.filter(code=code)
    typed = fold(query)
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}_folded__contains": typed})
    return queryset.alias(**{f"{field}_folded": Folded(field) for field in SEARCH_FIELDS}).filter(
        condition)


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=_("Any")
    )
    course = django_filters.ModelChoiceFilter(
        # Certificates name a course's source, never its translations (courses.locales).
        label=_("Course"), queryset=locales.in_default_locale(CoursePage.objects).order_by("title"),
        empty_label=_("Any"),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all(), empty_label=_("Any")
    )
    organisation = django_filters.CharFilter(
        label=_("Organisation"), field_name="organisation_name", method="filter_organisation"
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=US_STATES, empty_label=_("Any"))
    issued_on = django_filters.DateFromToRangeFilter(
        label=_("Issued between"), widget=DateRangePickerWidget
    )
    expires_on = django_filters.DateFromToRangeFilter(
        label=_("Expires between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["status", "course", "group", "organisation", "state", "issued_on", "expires_on"]

    def filter_organisation(self, queryset, name, value):
        # The same rule as the search: "cafe" finds Café Olé.
        return queryset.alias(organisation_folded=Folded(name)).filter(
            organisation_folded__contains=fold(value.strip()))

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.valid_on(today)
        if value.startswith("expiring_"):
            return queryset.expiring_within(int(value.removeprefix("expiring_")), today)
        if value == "expired":
            return queryset.expired_on(today)
        if value == "revoked":
            return queryset.revoked()
        if value == "replaced":
            return queryset.filter(replaced_by__isnull=False)
        return queryset


def filtered_certificates(request):
    """The certificates the registry shows for this request's filter and search."""
    queryset = Certificate.objects.all()
    filterset = CertificateFilterSet(data=request.GET, queryset=queryset, request=request)
    if filterset.is_valid():
        queryset = filterset.qs
    return search_certificates(queryset, request.GET.get("q", ""))
