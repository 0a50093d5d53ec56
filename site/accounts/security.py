"""The front door's rules for staff: two-factor sign-in, and a fresh password before sensitive acts.

Every sign-in goes through allauth (Wagtail's and Django's own login pages only redirect to it), so
allauth's TOTP step, failed-login lock and email verification hold for everyone. On top of that:

- Staff (anyone who may open the Wagtail admin: trainers, reviewers, coordinators, superusers) use
  nothing but their account pages until their session is signed in with a TOTP code. A staff member
  without an authenticator is sent to set one up (allauth also issues recovery codes then); one who
  has an authenticator but a session without it (signed in before setting it up elsewhere) is asked
  for a code. Learners and organisation managers may turn TOTP on; it is not required of them.
- Exports of personal data and role changes ask for the password again when it was last typed more
  than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds ago (allauth's re-authentication).
"""

from functools import wraps

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as allauth_totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

# What a staff member without a two-factor session may still open: the account pages (sign-in,
# sign-out, the TOTP set-up and its re-authentication), the language switch and static files.
# Wagtail's own sign-in, sign-out and password-reset addresses only lead to the account pages.
OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/", "/favicon.ico", "/admin/login/",
                 "/admin/logout/", "/admin/password_reset/", "/_util/login/")


def user_is_staff(user) -> bool:
    """Whether the user may open the admin: a superuser, or given Wagtail's access_admin
    permission through a group or directly. Asked afresh on each request, so a role granted or
    taken away applies at once."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    # The signed-in user of a request comes with the answer (accounts.backends).
    if hasattr(user, "holds_admin_access"):
        return user.holds_admin_access
    return admin_access(user).exists()


def admin_access(user):
    """Wagtail's access_admin permission, held by the user (or OuterRef to one) through a group
    or directly."""
    return Permission.objects.filter(
        Q(group__user=user) | Q(user=user),
        codename="access_admin", content_type__app_label="wagtailadmin",
    )


def is_staff(request) -> bool:
    """user_is_staff for the signed-in user, asked once per request."""
    if not hasattr(request, "_redflag_staff"):
        request._redflag_staff = user_is_staff(request.user)
    return request._redflag_staff


def signed_in_with_mfa(request) -> bool:
    """Whether this session's sign-in included a second factor (TOTP or a recovery code)."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


class StaffMFAMiddleware:
    """Sends staff whose session lacks a second factor to set one up, or to enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            in_admin = request.path.startswith("/admin/")
            if not signed_in_with_mfa(request) and is_staff(request):
                return self._second_factor(request)
            if in_admin and not is_staff(request):
                # Wagtail would send a signed-in learner to the sign-in page, which sends a
                # signed-in visitor back where they came from: a loop. Say no instead.
                raise PermissionDenied
        return self.get_response(request)

    def _second_factor(self, request):
        query = urlencode({"next": request.get_full_path()})
        if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        messages.info(request, _(
            "Staff accounts sign in with a code from an authenticator app as well as the password. "
            "Set it up now: scan the QR code with an app such as Google Authenticator, Microsoft "
            "Authenticator or 1Password, then type the code it shows."))
        return redirect("mfa_activate_totp")


class ActivateTOTPView(allauth_totp_views.ActivateTOTPView):
    """allauth's TOTP set-up; typing a valid code to turn it on also proves the second factor for
    this session, so a new staff member goes on to the admin without signing in again."""

    def form_valid(self, form):
        response = super().form_valid(form)
        authenticator = Authenticator.objects.filter(
            user=self.request.user, type=Authenticator.Type.TOTP).first()
        if authenticator is not None:
            record_authentication(self.request, self.request.user, "mfa",
                                  id=authenticator.pk, type=authenticator.type)
        return response


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff keep their authenticator app: without it they could not reach the admin anyway,
        # and removing it would leave the account one stolen password away from the registry.
        if authenticator.type == Authenticator.Type.TOTP and user_is_staff(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)


# Re-authentication --------------------------------------------------------------------------

# Wagtail admin views that change who may do what: users (their groups, superuser status, whether
# they may sign in at all) and groups (their permissions), one at a time or as a bulk action.
# Organisation managers are a role too; their viewset is Redflag's own.
ROLE_CHANGE_NAMESPACES = {"wagtailusers_users", "wagtailusers_groups", "organisationmanager"}
ROLE_CHANGE_VIEWS = {"add", "edit", "delete", "copy"}
ROLE_BULK_MODELS = {"user", "group"}


# Spreadsheet exports that hold counts and organisations, not people: exported without a second
# password. Every other admin export (a coverage people table, in-person rosters, the audit log,
# a campaign's targets and trainers, any export added later) names people, so it asks first; so
# does the outcome figures' export, whose counts come from people's reports of what they saw.
AGGREGATE_EXPORTS = {
    "coverage:groups",
    "coverage:group",
    "coverage:months",
    "coverage:counties",
    "coverage:not_reached",
    "wagtailsnippets_outreach_organisation:list",
    "quiz_reports:index",
    "quiz_reports:questions",
    "quiz_reports:topics",
    "wagtailadmin_reports:page_types_usage",
}


def guard_admin_view(view):
    """Wraps every Wagtail admin view: spreadsheet exports (?export=csv|xlsx) of people's records
    and POSTs to the user, group and manager views (role changes) ask for a recent password."""
    guarded = reauthentication_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if needs_recent_password(request):
            return guarded(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapper


def needs_recent_password(request) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if request.method == "GET" and request.GET.get("export"):
        return match.view_name not in AGGREGATE_EXPORTS
    if request.method != "POST":
        return False
    if match.url_name == "wagtail_bulk_action":
        return match.kwargs.get("model_name") in ROLE_BULK_MODELS
    return match.url_name in ROLE_CHANGE_VIEWS and bool(
        ROLE_CHANGE_NAMESPACES.intersection(match.namespaces))
