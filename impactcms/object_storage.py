"""Where uploads live: this machine's MEDIA_ROOT, or an S3-compatible bucket.

With several app servers no one server's disk can hold the uploads, so setting
MEDIA_BUCKET puts every original and rendition in that bucket (django-storages'
S3 backend; AWS, MinIO, or anything that speaks S3). Pages then link the
bucket's own addresses (or MEDIA_PUBLIC_URL's), so the app never serves media.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from impactcms.env import envbool, envint, envstr

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
ADDRESSING_STYLES = {"path", "virtual", "auto"}
# Given to boto3 only when set: otherwise its own chain (an instance's role, say) applies.
CREDENTIALS = {
    "access_key": "AWS_ACCESS_KEY_ID",
    "secret_key": "AWS_SECRET_ACCESS_KEY",
    "security_token": "AWS_SESSION_TOKEN",
}


def enabled() -> bool:
    """Whether uploads go to a bucket rather than MEDIA_ROOT."""
    return bool(envstr("MEDIA_BUCKET").strip())


def media_storage() -> dict:
    """The STORAGES["default"] entry: the bucket when MEDIA_BUCKET is set, else MEDIA_ROOT."""
    if not enabled():
        return {"BACKEND": FILE_SYSTEM}
    endpoint = envstr("MEDIA_S3_ENDPOINT_URL").strip()
    style = envstr("MEDIA_S3_ADDRESSING_STYLE").strip().lower()
    if style and style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"MEDIA_S3_ADDRESSING_STYLE must be one of {sorted(ADDRESSING_STYLES)}, not {style!r}."
        )
    options = {
        "bucket_name": envstr("MEDIA_BUCKET").strip(),
        "endpoint_url": endpoint or None,
        "region_name": envstr("MEDIA_S3_REGION").strip() or None,
        # MinIO and most S3-compatible services want bucket names in the path, not the host.
        "addressing_style": style or ("path" if endpoint else None),
        # Pictures on public pages need no signature when the bucket lets anyone read;
        # a private bucket needs signed addresses, which must outlive a cached page.
        "querystring_auth": envbool("MEDIA_SIGNED_URLS", False),
        "querystring_expire": envint("MEDIA_SIGNED_URL_SECONDS", 3600),
        "default_acl": None,  # who may read is the bucket policy's business
        "file_overwrite": False,  # a new upload never replaces another's file of the same name
        "object_parameters": {
            "CacheControl": envstr("MEDIA_CACHE_CONTROL", "public, max-age=86400"),
        },
    }
    for option, variable in CREDENTIALS.items():
        if value := envstr(variable):
            options[option] = value
    public = envstr("MEDIA_PUBLIC_URL").strip()
    if public and options["querystring_auth"]:
        # django-storages signs only the bucket's own addresses: a private bucket's
        # pictures behind MEDIA_PUBLIC_URL would all be refused.
        raise ImproperlyConfigured("Set MEDIA_SIGNED_URLS or MEDIA_PUBLIC_URL, not both.")
    if public:
        address = urlsplit(public)
        if address.scheme not in {"http", "https"} or not address.netloc:
            raise ImproperlyConfigured(
                f"MEDIA_PUBLIC_URL must be an http(s) address such as "
                f"https://media.example.org, not {public!r}."
            )
        options["custom_domain"] = address.netloc + address.path.rstrip("/")
        options["url_protocol"] = f"{address.scheme}:"
    return {"BACKEND": S3, "OPTIONS": options}


def media_origins() -> list[str]:
    """The origins media addresses point at, for the CSP's img-src ([] when they are the site's).

    Worked out from the settings alone, as the storage's url() builds addresses. On
    AWS without MEDIA_PUBLIC_URL botocore may name the bucket's global or regional
    host, so both are given.
    """
    options = media_storage().get("OPTIONS")
    if not options:
        return []
    if options.get("custom_domain"):
        return [f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"]
    bucket = options["bucket_name"]
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        virtual = options["addressing_style"] == "virtual"
        return [f"{endpoint.scheme}://{bucket + '.' if virtual else ''}{endpoint.netloc}"]
    region = options["region_name"] or envstr("AWS_DEFAULT_REGION") or "us-east-1"
    hosts = dict.fromkeys(["s3.amazonaws.com", f"s3.{region}.amazonaws.com"])
    # A name with dots cannot be a host name under amazonaws.com's certificate.
    in_host = options["addressing_style"] != "path" and "." not in bucket
    return [f"https://{bucket + '.' if in_host else ''}{host}" for host in hosts]
