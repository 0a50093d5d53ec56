"""The authentication backend: allauth's, with the user's staff status (and the organisation they
manage, for the header's link) read in the same query that loads the signed-in user on every
request.

Every request of a signed-in user asks whether they are staff (the two-factor rule and the admin
link in the header). Asked separately that is a second query on every page; folded into the
user's own query it costs nothing more, and it is still read afresh on each request, so a role
granted or taken away applies at once.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery

from outreach.models import OrganisationManager

from .security import admin_access


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(
            holds_admin_access=Exists(admin_access(OuterRef("pk"))),
            managed_organisation_id=Subquery(
                OrganisationManager.objects.filter(user=OuterRef("pk")).values("organisation")[:1]
            ),
        )
        found = list(users.filter(pk=user_id)[:1])
        return found[0] if found and self.user_can_authenticate(found[0]) else None
