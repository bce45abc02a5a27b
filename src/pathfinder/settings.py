"""Django settings: one file, typed environment helpers that fail loudly (docs/decisions/0003)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    return [v.strip() for v in value.split(",") if v.strip()] if value else default


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pathfinder"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'pathfinder.sqlite3'}"


DEBUG = env_bool("DEBUG", False)
PRODUCTION = not DEBUG and env_bool("PATHFINDER_PRODUCTION", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) for production.")
    SECRET_KEY = "insecure-local-only-" + "x" * 40  # noqa: S105 - local runs only
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

DATABASE_URL = os.environ.get("DATABASE_URL") or default_database_url()
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it costs a page's query 100-300 ms whenever the planner's
    # estimate passes jit_above_cost, for queries that run in 10 (docs/decisions/0216).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "pathfinder.core",
    "pathfinder.organisations",
    "pathfinder.people",
    "pathfinder.governance",
    "pathfinder.interests",
    "pathfinder.finance",
    "pathfinder.qipp",
    "pathfinder.risks",
    "pathfinder.support",
    "pathfinder.agendas",
    "pathfinder.packages",
    "pathfinder.reports",
    "pathfinder.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside CSRF so that its refusals are recorded too.
    "pathfinder.core.middleware.RefusalAuditMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pathfinder.core.middleware.AsAtMiddleware",
    "pathfinder.core.scope.ScopeMiddleware",
    "pathfinder.core.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pathfinder.urls"
WSGI_APPLICATION = "pathfinder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": sorted(BASE_DIR.glob("*/templates")),
        "APP_DIRS": False,
        "OPTIONS": {"environment": "pathfinder.core.jinja.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Invitations and set-password links (docs/decisions/0143). Mail goes to the console
# unless a deployment names its relay; tests swap in Django's in-memory outbox.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pathfinder@localhost")
# A set-password link works once and for this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PATHFINDER_LINK_HOURS", "72")) * 3600
# Where links printed by the command line point (pages use the address they were asked at).
PATHFINDER_SITE_URL = os.environ.get("PATHFINDER_SITE_URL", "http://127.0.0.1:8000")

# Five wrong passwords for one username from one address lock that pair out for an hour
# (tests/core/test_signin.py measures both).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Two-factor sign-in (docs/decisions/0141): the roles that change governance records
# (Permission.GOVERN, ADMINISTER) need a second factor when this is on; anyone may add one.
# On by default in production; off for the demo and the tests, whose published demo
# accounts must work for a newcomer without an authenticator app.
PATHFINDER_REQUIRE_2FA = env_bool("PATHFINDER_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "Pathfinder"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sign-in with the organisation's own OpenID Connect provider, off unless configured.
# Accounts are matched by email; roles always come from Pathfinder, and no account is made
# on a first sign-in unless OIDC_CREATE_USERS is on (docs/decisions/0141).
PATHFINDER_OIDC = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your organisation")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", False)
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?organisation=failed"
OIDC_BACKEND = "pathfinder.core.oidc.OrganisationBackend"
if PATHFINDER_OIDC:
    _missing = [
        name
        for name in (
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured("OIDC_ENABLED is on: set " + ", ".join(_missing))
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
# Front-end assets come from npm (`make install`), never from the repository.
_ASSETS = {
    "nhsuk": PROJECT_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk",
    "htmx": PROJECT_DIR / "node_modules" / "htmx.org" / "dist",
}
STATICFILES_DIRS = [(prefix, path) for prefix, path in _ASSETS.items() if path.is_dir()]
# The NHS.UK stylesheet's Frutiger comes from the NHS's font host, licensed to NHS
# services only; a page waits for its fonts, so it is fetched only where a deployment
# says its browsers reach that host (docs/decisions/0185). Otherwise: Arial.
PATHFINDER_NHS_FONTS = env_bool("PATHFINDER_NHS_FONTS", False)
STATICFILES_FINDERS = [
    "pathfinder.core.fonts.NhsukStylesheetFinder",
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The NHS.UK stylesheet refers to its icons at /assets/images/…, from the site root.
# WhiteNoise serves its root folder at "/", so the NHS.UK dist folder makes them resolve.
if _ASSETS["nhsuk"].is_dir():
    WHITENOISE_ROOT = _ASSETS["nhsuk"]

# A working day: the session ends eight hours after sign-in, or when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token, the API docs page its data attribute.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Scripts only from Pathfinder's own static files, or inline with this response's nonce
# (the NHS.UK template's one-line "js-enabled" script); on in every mode, so development
# and the browser tests run under the policy production sends (docs/decisions/0142).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The accountability map's SVG carries its own <style>, with the nonce.
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, *(["https://assets.nhs.uk"] if PATHFINDER_NHS_FONTS else [])],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Governance settings (RULES.md): limits a deployment may change.
PATHFINDER = {
    "declaration_days": 28,
    "gift_limit": "50.00",
    "hospitality_limit": "75.00",
    "return_window_days": 365,
    "published_ended_months": 6,
    "baf_threshold": 15,
    "overspend_tolerance": "0.01",
    # A task whose progress has not moved for this long was left by a stopped (killed)
    # worker and is put back on the queue (docs/decisions/0130).
    "stale_task_seconds": env_int("PATHFINDER_STALE_TASK_SECONDS", 120),
}

# Long work (board packs, big ledger uploads) runs on one queue kept in the database
# itself, so the embedded default and PostgreSQL behind many app servers work alike
# (docs/decisions/0130). `pathfinder worker` runs it; `demo` and `serve` run one in-process
# on the embedded default. A task's row is written in the transaction that asks for it,
# so a worker sees it only once that transaction commits.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return int(value)


# Limits on files that come in: ledger uploads, data packages, zips and workbooks
# (docs/decisions/0145-safe-files.md).
PATHFINDER_MAX_UPLOAD_BYTES = env_int("PATHFINDER_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
PATHFINDER_MAX_PACKAGE_BYTES = env_int("PATHFINDER_MAX_PACKAGE_BYTES", 1024 * 1024 * 1024)
PATHFINDER_MAX_EXPANDED_BYTES = env_int("PATHFINDER_MAX_EXPANDED_BYTES", 2048 * 1024 * 1024)
PATHFINDER_MAX_ZIP_MEMBERS = env_int("PATHFINDER_MAX_ZIP_MEMBERS", 1000)
