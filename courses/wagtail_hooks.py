from django.utils.translation import gettext_lazy as _
from redflag.lib.adminkit import ChooserWithoutCreate, ProtectedDeleteView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import StakeholderGroup


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
