from django.utils.translation import gettext_lazy as _
from redflag.lib.adminkit import ChooserWithoutCreate, ProtectedDeleteView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Jurisdiction, StakeholderGroup


class StakeholderGroupDeleteView(ProtectedDeleteView):
    in_use_message = _(
        "This group still has learners, organisations or in-person sessions. Move them to another "
        "group first; certificates keep the group's name either way."
    )


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    delete_view_class = StakeholderGroupDeleteView
    chooser_viewset_class = ChooserWithoutCreate
    icon = "group"
    menu_label = _("Stakeholder groups")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(StakeholderGroupViewSet)


class JurisdictionDeleteView(ProtectedDeleteView):
    in_use_message = _(
        "Courses still follow this jurisdiction. Give them another one first; certificates "
        "already issued keep their expiry dates either way."
    )


class JurisdictionViewSet(SnippetViewSet):
    """Whose law each course follows. Wagtail's snippet views record every add, edit and delete
    in the audit log (Reports → Site history), as for the other snippets."""

    model = Jurisdiction
    delete_view_class = JurisdictionDeleteView
    chooser_viewset_class = ChooserWithoutCreate
    icon = "doc-full"
    menu_label = _("Jurisdictions")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "state", "law", "validity_months", "first_training_months",
                    "hotline_phone"]
    list_filter = ["state"]
    search_fields = ["name", "law"]
    # Plain SQL search in the listing, as for organisations: a jurisdiction is found by its name
    # or by words of its law as typed, with nothing to index first.
    search_backend_name = None
    ordering = ["name"]
    # Trainers, who may only view jurisdictions, read one's facts here.
    inspect_view_enabled = True
    inspect_view_fields = ["name", "state", "law", "validity_months", "first_training_months",
                           "hotline_name", "hotline_phone"]


register_snippet(JurisdictionViewSet)
