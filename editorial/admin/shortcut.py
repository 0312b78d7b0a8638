"""The admin's "view on site" shortcut, for staff who may see the object.

Django's own (`admin/r/<type>/<id>/`) asks only that the user is staff, and
redirects to the object's address: for a draft that tells any staff account,
one with no permissions at all, the slug of a story nobody has published.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.http import Http404


@staff_member_required
def view_on_site(request, content_type_id, object_id):
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
    except (ValueError, ContentType.DoesNotExist):
        raise Http404("No such kind of object.") from None
    label, name = content_type.app_label, content_type.model
    if not any(request.user.has_perm(f"{label}.{act}_{name}") for act in ("view", "change")):
        raise PermissionDenied
    return shortcut(request, content_type_id, object_id)
