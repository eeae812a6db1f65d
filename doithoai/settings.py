"""One settings module for every environment, read from the environment.

Per-unit policy (two-factor enforcement, deadlines, quotas) lives in the
database, not here. Every value below has a safe local default so that the
demo runs with no configuration; production sets DJANGO_DEBUG=0,
DJANGO_SECRET_KEY and DATABASE_URL.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DOITHOAI_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def database_from_url(url: str) -> dict[str, object]:
    """Parse postgres://user:pass@host:port/name?opt=... or sqlite:///path."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if parsed.scheme == "sqlite":
        return sqlite_database(Path(unquote(parsed.path)) if parsed.path not in {"", "/"} else None)
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported")


def sqlite_database(path: Path | None) -> dict[str, object]:
    if path is None:
        # The embedded default lives in var/, which a fresh clone does not have yet.
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path or VAR_DIR / "doithoai.sqlite3"),
        # WAL and a busy timeout keep the embedded database usable with the
        # web process and the task worker writing at the same time.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = "insecure-local-demo-key-do-not-use-in-production"  # noqa: S105 - demo only, refused when DEBUG is off

ALLOWED_HOSTS = [h for h in env_str("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("DJANGO_CSRF_TRUSTED_ORIGINS").split(",") if o]
# The address of the site as citizens and staff reach it, for links in e-mails and on printed QR codes.
SITE_URL = env_str("DOITHOAI_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "doithoai.core",
    "doithoai.audit",
    "doithoai.units",
    "doithoai.accounts",
    "doithoai.workdays",
    "doithoai.plans",
    "doithoai.conferences",
    "doithoai.delegates",
    "doithoai.todo",
    "doithoai.notifications",
    "doithoai.portal",
    "doithoai.petitions",
    "doithoai.live",
    "doithoai.documents",
    "doithoai.reports",
    "doithoai.budget",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "doithoai.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "doithoai.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

if not DEBUG:
    # Production serves collected static files itself (a commune office may have no separate web server).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "doithoai.urls"
WSGI_APPLICATION = "doithoai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "doithoai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doithoai.core.context_processors.navigation",
            ],
        },
    }
]

_database_url = env_str("DATABASE_URL")
DATABASES = {"default": database_from_url(_database_url) if _database_url else sqlite_database(None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Staff sessions end after a working day, or after two idle hours.
SESSION_COOKIE_AGE = env_int("DOITHOAI_SESSION_SECONDS", 8 * 3600)
SESSION_IDLE_SECONDS = env_int("DOITHOAI_SESSION_IDLE_SECONDS", 2 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Login throttling: this many failures for one username or one address within
# the window lock further attempts for the rest of the window.
LOGIN_FAILURE_LIMIT = env_int("DOITHOAI_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("DOITHOAI_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
# Reverse proxies (nginx, a load balancer) in front of the app: login throttling by address then reads the
# client from X-Forwarded-For; otherwise every visitor would share the proxy's address and one lockout.
# 0 (the default) trusts no forwarded header.
LOGIN_TRUSTED_PROXIES = env_int("DOITHOAI_TRUSTED_PROXIES", 0)

OTP_TOTP_ISSUER = "doithoai"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "doithoai" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "doithoai" / "static"]
PRIVATE_MEDIA_ROOT = Path(env_str("DOITHOAI_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Petition attachments and uploaded imports: personal data, no URL; views check permission and stream.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Mail goes to the console in the demo; production sets DJANGO_EMAIL_BACKEND=smtp and the SMTP_* values.
_mail_backend = env_str("DJANGO_EMAIL_BACKEND", "console")
_MAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
if _mail_backend not in _MAIL_BACKENDS:
    raise ImproperlyConfigured(f"DJANGO_EMAIL_BACKEND must be one of {sorted(_MAIL_BACKENDS)}")
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _MAIL_BACKENDS[_mail_backend]}}
if _mail_backend == "smtp":
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("SMTP_HOST", "localhost"),
        "port": env_int("SMTP_PORT", 587),
        "username": env_str("SMTP_USER"),
        "password": env_str("SMTP_PASSWORD"),
        "use_tls": env_bool("SMTP_USE_TLS", True),
    }
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "doithoai <no-reply@localhost>")

# LibreOffice for PDFs: unset finds `soffice` on PATH; an empty value switches PDFs off.
DOITHOAI_SOFFICE = os.environ.get("DOITHOAI_SOFFICE")

TASKS = {
    "default": {
        "BACKEND": env_str("DOITHOAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
