"""Settings for Impact CMS, read from the environment.

Development needs no environment at all: SQLite in the project folder, local-memory
cache, DEBUG on. Production sets DEBUG=0 and must then give DATABASE_URL, a real SECRET_KEY and
ALLOWED_HOSTS, or the app refuses to start.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from impactcms import databases, email, object_storage
from impactcms.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "django-insecure-development-only-never-in-production"

DEBUG = envbool("DEBUG", True)
SECRET_KEY = envstr("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("With DEBUG off, set SECRET_KEY to a long random value.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("With DEBUG off, set ALLOWED_HOSTS (comma-separated).")
    # Without it each app server would quietly keep a database of its own beside the code.
    if not envstr("DATABASE_URL"):
        raise ImproperlyConfigured(
            "With DEBUG off, set DATABASE_URL (postgres://… or sqlite:////absolute/path)."
        )

INSTALLED_APPS = [
    "editorial.apps.EditorsAdminConfig",  # Django's admin, with the editors' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "taggit",
    "django_prose_editor",
    "nested_admin",
    "reversion",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "images",
    "participants",
    "stories",
    "impact",
    "sitepages",
    "pagecache",
    "notifications",
    "editorial",
    "portal",
    "public",
    "archive",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files (an SVG, say) carry the same headers.
    "impactcms.content_security.SiteCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Under DEBUG, the site's own 404 page rather than Django's list of URL patterns.
    "impactcms.not_found.SiteNotFoundPageMiddleware",
    # ETags for every page, and 304 when a browser's copy is still current.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "impactcms.urls"
WSGI_APPLICATION = "impactcms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "impactcms.context_processors.site",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so templates/ can mend a widget's markup
# (admin/widgets/split_datetime.html labels the date and time inputs).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite in the project folder unless DATABASE_URL names another database; each
# engine's options (SQLite's locking, PostgreSQL's trigram threshold) in replicas.
DATABASES = {
    "default": databases.parse_database(
        envstr("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# A copy kept by the database's replication: public pages may read it (impactcms.replicas).
if replica := databases.replica_database():
    DATABASES["replica"] = replica
    DATABASE_ROUTERS = ["impactcms.replicas.PrimaryReplicaRouter"]
    # Right after SecurityMiddleware: before anything that reads the database.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "impactcms.replicas.PublicReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "impactcms",
        }
    }
else:
    # Each process keeps its own; the content version in the database keeps them all current.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# How long a rendered public page may be kept. Freshness does not depend on it:
# any edit changes the key pages are cached under (see pagecache).
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
# The same for counts and option lists over all public stories (pagecache.data).
DATA_CACHE_SECONDS = envint("DATA_CACHE_SECONDS", 600)
# On PostgreSQL each process listens for content changes (pagecache.changes), so a
# cached page needs no query. Set 0 behind a pooler that drops LISTEN/NOTIFY.
PAGE_CACHE_LISTEN = envbool("PAGE_CACHE_LISTEN", True)

# Set only by `make bench`: the HTML its bare-Django reference page renders.
BENCH_REFERENCE_HTML = envstr("BENCH_REFERENCE_HTML")

AUTHENTICATION_BACKENDS = [
    # Refuses a login once its username and address are locked out, before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never public: an image field's url() is the staff-only view of the
# original (public.site_views.original), and pages show renditions at /pictures/,
# served while what they show is public. No web server may serve MEDIA_ROOT.
MEDIA_URL = "/admin/originals/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": object_storage.media_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads larger than this are refused before they reach a view's form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TAGGIT_CASE_INSENSITIVE = True

SITE_NAME = envstr("SITE_NAME", "Stories of Impact")

# --- Background work and email ------------------------------------------------------
# Notifications are sent by background tasks (django-tasks, the backport of Django
# 6.0's tasks framework): queued in the database, in the same transaction as the
# event, and run by `manage.py db_worker` (`make run` starts one; production runs it
# as a service). TASKS_IMMEDIATE=1 (the tests) runs each task at once instead.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if envbool("TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
    }
}
# Where links in emails point: the site's public address, e.g. https://stories.example.org.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <stories@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# SMTP when EMAIL_URL (smtp://user:password@host:587, smtps:// for TLS from the start)
# or EMAIL_HOST is set; otherwise (development) each email is printed and kept as a
# file under var/mail/ (notifications.outbox).
EMAIL_OUTBOX_DIR = Path(envstr("EMAIL_OUTBOX_DIR", str(BASE_DIR / "var" / "mail")))
globals().update(email.email_settings())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes: failures and lockouts are warnings; its notes on every login are not news.
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Security -------------------------------------------------------------------
# Headers on every response (SecurityMiddleware, XFrameOptionsMiddleware, django-csp).
# HSTS is sent only over HTTPS, so development over plain http is unaffected.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Nothing from another origin, and no inline script or style: every script and
# stylesheet is a file under /static/ (the admin allows inline styles, see
# impactcms.content_security). The story page's JSON-LD is a data block, which a
# policy does not govern. Pictures come from the site itself (/pictures/, in bucket
# mode too), or are data: URIs (the admin's widgets).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is named only on responses that ask for one: the admin's story form,
        # for the prose editor's import map (editorial.admin.media).
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin logins (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for LOGIN_LOCKOUT_MINUTES, or until an admin
# deletes its "access attempt" in the admin. Locking the pair, not the username alone,
# keeps a stranger from locking an editor out of their own account.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "common.login_throttle.client_ip"
AXES_USERNAME_CALLABLE = "common.login_throttle.login_username"
# How many proxies of our own sit in front of the app and append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Plain http is redirected to https; set 0 only where nothing but loopback connects.
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
