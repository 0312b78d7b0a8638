"""The private bucket's storage class (a module of its own: boto3 is loaded only in bucket mode)."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateBucketStorage(S3Storage):
    """django-storages' S3 backend whose files have no address at the bucket.

    A file's url() is the app's own, as on disk (MEDIA_URL: the staff-only view
    of originals), never a bucket address, signed or not: a signed address
    would go on working after a picture stopped being public.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
