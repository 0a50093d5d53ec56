"""What Redflag's snippet viewsets in the Wagtail admin share.

Two of Wagtail's generic doors answer 500 as they stand: a snippet chooser's "create" address,
posted to when the chooser has no creation form, and a delete of a row that other rows still
point at with on_delete=PROTECT (Wagtail's usage count only sees references it indexes, so it
does not know about a learner profile's stakeholder group). These classes close both.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import DeleteView


class ChooserWithoutCreate(SnippetChooserViewSet):
    """A snippet chooser without the "create" address: snippets are added on their own pages."""

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class ProtectedDeleteView(DeleteView):
    """Deleting a row that others still need explains why instead of failing."""

    in_use_message = ""

    def form_valid(self, form):
        # Wagtail refuses what its reference index knows is protected with a bare "permission
        # denied"; the database refuses the rest. Both get the same explanation.
        if self.usage and self.usage.is_protected:
            return self.in_use()
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            return self.in_use()

    def in_use(self):
        messages.error(self.request, self.in_use_message or _(
            "%(object)s is still in use and cannot be deleted.") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())
