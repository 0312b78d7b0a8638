"""Where uploads live: this machine's MEDIA_ROOT, or an S3-compatible bucket.

With several app servers no one server's disk can hold the uploads, so setting
MEDIA_BUCKET puts every original and rendition in that bucket (django-storages'
S3 backend; AWS, MinIO, or anything that speaks S3). The bucket is private:
objects are stored with the private ACL, and browsers never fetch from it.
Pictures are served by the app (/pictures/, public.site_views.picture), which
checks on every request that what they show is still public, as on disk.
"""

from django.core.exceptions import ImproperlyConfigured

from impactcms.env import envstr

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
PRIVATE_BUCKET = "impactcms.bucket_storage.PrivateBucketStorage"
ADDRESSING_STYLES = {"path", "virtual", "auto"}
# Given to boto3 only when set: otherwise its own chain (an instance's role, say) applies.
CREDENTIALS = {
    "access_key": "AWS_ACCESS_KEY_ID",
    "secret_key": "AWS_SECRET_ACCESS_KEY",
    "security_token": "AWS_SESSION_TOKEN",
}
# Settings of the time browsers fetched pictures from the bucket itself. Left set,
# they say the bucket (or a CDN before it) still lets anyone read it.
RETIRED = (
    "MEDIA_PUBLIC_URL",
    "MEDIA_SIGNED_URLS",
    "MEDIA_SIGNED_URL_SECONDS",
    "MEDIA_CACHE_CONTROL",
)


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
    retired = [name for name in RETIRED if envstr(name).strip()]
    if retired:
        named, verb, it = (
            (retired[0], "is", "it") if len(retired) == 1 else (", ".join(retired), "are", "them")
        )
        raise ImproperlyConfigured(
            f"{named} {verb} no longer used: browsers never fetch pictures from the bucket, "
            f"the app serves them. Unset {it}, and remove any public-read policy from the "
            "bucket (README: Media in object storage)."
        )
    options = {
        "bucket_name": envstr("MEDIA_BUCKET").strip(),
        "endpoint_url": endpoint or None,
        "region_name": envstr("MEDIA_S3_REGION").strip() or None,
        # MinIO and most S3-compatible services want bucket names in the path, not the host.
        "addressing_style": style or ("path" if endpoint else None),
        # No object is ever readable without the app's credentials.
        "default_acl": "private",
        "file_overwrite": False,  # a new upload never replaces another's file of the same name
    }
    for option, variable in CREDENTIALS.items():
        if value := envstr(variable):
            options[option] = value
    return {"BACKEND": PRIVATE_BUCKET, "OPTIONS": options}
