from allauth.account import views as allauth_views
from django.conf import settings
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from redflag.accounts import views as account_views
from redflag.accounts.security import ActivateTOTPView, guard_admin_view
from redflag.errors import health
from redflag.home import views as home_views
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from courses import translating


class ToSignIn(RedirectView):
    """Wagtail's own login pages lead to allauth's, keeping ?next=, so there is one front door."""

    pattern_name = "account_login"
    query_string = True


class Favicon(RedirectView):
    """The icon under its static name (hashed in production, so it can be cached for a year)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static_url("favicon.ico")


# Exports from the admin and role changes ask for a recent password (accounts.security).
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, guard_admin_view)

# A database that cannot be reached answers 503 "back in a moment", not 500 (redflag.errors).
handler500 = "redflag.errors.server_error"

urlpatterns = [
    # For nginx, systemd and container health checks: 200 when the database answers, else 503.
    path("health/", health, name="health"),
    # Browsers ask for /favicon.ico on a first visit whatever the page's <link rel="icon"> says.
    path("favicon.ico", Favicon.as_view()),
    # The doors Wagtail opens besides allauth's: its admin and front-end logins redirect, its admin
    # sign-out is allauth's, and its password reset (switched off in settings) points at allauth's.
    path("admin/login/", ToSignIn.as_view()),
    path("admin/logout/", allauth_views.logout),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("_util/login/", ToSignIn.as_view()),
    # Before the admin's own: wagtail-localize's sync page, with publishing left to reviewers.
    path("admin/localize/update/<int:translation_source_id>/",
         guard_admin_view(require_admin_access(translating.UpdateTranslationsView.as_view()))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("home/", home_views.learner_home, name="learner_home"),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/2fa/totp/activate/", ActivateTOTPView.as_view(), name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quizzes/", include("quizzes.urls")),
    path("", include("certificates.urls")),
    path("", include("outreach.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every page, so its catch-all comes last.
urlpatterns += [path("", include(wagtail_urls))]
