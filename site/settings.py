"""Redflag settings: one module, every value from the environment.

With nothing set, Redflag runs embedded: SQLite in the project folder, a local-memory cache, email
to the console and tasks run in-process. Production sets DEBUG=0 plus the variables the README
lists; a missing SECRET_KEY or ALLOWED_HOSTS is then a start-up error, not a silent default.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from csp.constants import UNSAFE_INLINE as CSP_UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.oembed_providers import vimeo, youtube

PROJECT_DIR = Path(__file__).resolve().parent  # site/
BASE_DIR = PROJECT_DIR.parent  # the repository


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG=1 allows a development key)."
        )
    SECRET_KEY = "development-only-insecure-key-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "redflag.home",
    "redflag.accounts",
    "courses",
    "quizzes",
    "certificates",
    "outreach",
    # Trainers translate pages segment by segment, and see what changed in the English source.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Writes the profile's language to the language cookie when a learner signs in.
    "redflag.accounts.language.ProfileLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Above XFrameOptionsMiddleware, so it reads the final X-Frame-Options for frame-ancestors.
    "redflag.content_security_policy.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff reach nothing but their account pages until they sign in with a TOTP code.
    "redflag.accounts.security.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site for the request, from the cache (two queries fewer on every page).
    "redflag.sites.SiteMiddleware",
]

ROOT_URLCONF = "redflag.urls"
WSGI_APPLICATION = "redflag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "redflag.context_processors.navigation",
                "redflag.context_processors.sign_up",
            ],
        },
    },
]

# Databases: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (two tabs submitting a quiz) wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if env("DATABASE_TEST_NAME"):
    # A file-backed SQLite test database lets threaded tests share it (in-memory ones cannot).
    DATABASES["default"]["TEST"] = {"NAME": env("DATABASE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and rate limits: local memory embedded, Redis when REDIS_URL is set. Sessions live in the
# database either way; with Redis they are read through it. Redis going away costs neither pages nor
# sign-ins: see site/cache.py and site/sessions.py.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    from redflag.cache import SESSIONS, redis_caches

    CACHES = redis_caches(REDIS_URL)
    SESSION_ENGINE = "redflag.sessions"
    SESSION_CACHE_ALIAS = SESSIONS
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: in-process unless TASKS_BACKEND=database (then run `manage.py db_worker`).
if env("TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # allauth's (sign-in by email), loading the signed-in user with their staff status.
    "redflag.accounts.backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Accounts (django-allauth): email sign-in, verified by a code typed on the same page,
# which is quicker on a phone than switching to a link.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# A learner whose code went astray asks for a new one (twice) rather than starting again.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_SIGNUP_FORM_CLASS = "redflag.accounts.forms.SignupProfileForm"
# A sign-up form sent back with an error keeps the passwords typed, so a phone user need not
# type them twice again.
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# One set of limits for every door, since every sign-in and password reset goes through allauth:
# five wrong passwords for one account lock it for five minutes; one address gets at most three
# reset emails in fifteen minutes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,3/15m/key",
    "confirm_email": "1/3m/key",
}
# Behind a proxy, rate limits (sign-in, certificate look-ups) count per client, not per proxy:
# set how many proxies in front of gunicorn append to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_URL = "account_login"
# Where staff land after signing in; learners and organisation managers land on their own pages
# (redflag.accounts.adapter decides, after a ?next=).
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "redflag.accounts.adapter.AccountAdapter"
# Exports of personal data and role changes ask for the password again after five minutes.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "redflag.accounts.security.MFAAdapter"
MFA_TOTP_ISSUER = "Redflag"
# A code from the period before or after is accepted too: phone clocks drift, and a code typed
# as it changes should not fail.
MFA_TOTP_TOLERANCE = 1

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: a folder, one file a message
# (the load test reads sign-up codes from it).
if env("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Redflag <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Redflag"
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Pages exist per language: a course's Spanish translation is a page of its own in the Spanish
# tree, served at the same address to those who read Redflag in Spanish (courses.locales).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# One front door: Wagtail's admin and front-end logins send people to allauth's sign-in, and
# passwords and email addresses are changed and reset only through allauth (which rate-limits,
# verifies addresses and asks staff for their TOTP code). Administrators do not set other people's
# passwords: a new user resets their own.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# Wagtail's admin API (REST framework) signs people in by their session only: HTTP Basic would
# take a password past the front door's rate limits and TOTP step.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

# Security: strict by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Content Security Policy (django-csp 4): the one place both policies are set;
# redflag.content_security_policy chooses between them by path and sets frame-ancestors.
# Learner pages load only Redflag's own files: no inline script, no style="…" attribute. A
# <script> or <style> element Redflag writes into a page carries nonce="{{ request.csp_nonce }}"
# (the home page's workplace colours do); the header names a nonce only when the page used one.
# Lesson videos: the embed finder accepts these providers only and the policy frames their
# players, so a video from anywhere else is refused in the editor instead of blocked on the lesson.
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]}]
VIDEO_PLAYER_ORIGINS = ["https://www.youtube.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF, CSP_NONCE],
        # data: for QR codes (the authenticator set-up page shows one as a data: SVG).
        "img-src": [CSP_SELF, "data:"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        # Replaced per response by what X-Frame-Options says: 'self' only for Wagtail's previews.
        "frame-ancestors": [CSP_NONE],
    },
}
# The Wagtail admin still writes inline <script> elements (date pickers, inline
# panels) and inline styles (its own widgets and the libraries it bundles), so there script-src
# and style-src allow 'unsafe-inline' and carry no nonce: a nonce would make browsers ignore it.
# Its stylesheet draws some images as data: URLs, the image uploader shows thumbnails of the
# chosen files as blob: URLs, the editor frames its previews, and the dashboard asks
# releases.wagtail.org whether a newer Wagtail (a security release) is out. Page previews pass
# through the learner policy, videos and all (see redflag.content_security_policy).
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "style-src": [CSP_SELF, CSP_UNSAFE_INLINE],
        "img-src": [CSP_SELF, "data:", "blob:"],
        "connect-src": [CSP_SELF, "https://releases.wagtail.org"],
        "frame-src": [CSP_SELF],
    },
}
# Wagtail would show staff avatars from Gravatar, telling it which staff use the admin; the policy
# allows no third-party image, and Wagtail falls back to its own avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Every in-process task and page publish would otherwise print a line.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO; its warnings (a refused fetch) still show.
        "weasyprint": {"level": "WARNING"},
    },
}

# Redflag's own settings
REDFLAG_DEMO = env_bool("REDFLAG_DEMO", DEBUG)
# Certificates: paper size (letter or a4), where PDFs and bulk ZIPs are kept (never under
# MEDIA_ROOT: they are served only through views that check who asks), verification look-ups
# allowed per client IP per minute.
CERTIFICATE_PAGE_SIZE = env("CERTIFICATE_PAGE_SIZE", "letter").lower()
CERTIFICATE_FILES_ROOT = Path(env("CERTIFICATE_FILES_ROOT", str(BASE_DIR / "var" / "private")))
CERTIFICATE_VERIFY_RATE_PER_MINUTE = env_int("CERTIFICATE_VERIFY_RATE_PER_MINUTE", 30)
# How old the coverage dashboard's figures may be before they are counted again (0: always).
OUTREACH_DASHBOARD_CACHE_SECONDS = env_int("OUTREACH_DASHBOARD_CACHE_SECONDS", 600)
