from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from images import access, serving
from participants.models import Organisation, Participant
from public.evidence_views import download
from stories.models import Evidence, Story

# Whose pictures the public may see, by each content app's one definition of
# public: a story's hero while the story is public; a person's photo while they
# are public and agreed to their photo being shown; a logo while the
# organisation is named on a public story.
PUBLIC_PICTURES = {
    "stories.story.hero_image": lambda: Story.objects.public(),
    "participants.participant.photo": lambda: Participant.objects.public().filter(
        consent_photo=True
    ),
    "participants.organisation.logo": lambda: Organisation.objects.public(),
}


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /my/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def picture(request, name: str):
    """A rendition, while what it shows is public, or at an address signed for a private page.

    One query either way. Whatever the reason (no such file, not public, a bad
    signature), the answer is the same 404, so probing learns nothing.
    """
    owner = access.owner_of(name)
    if owner is None:
        raise Http404
    signed = access.signature_is_valid(name, request.GET.get(access.SIGNATURE))
    if signed:
        rows = owner.model._default_manager.all()
    elif public := PUBLIC_PICTURES.get(owner.key):
        rows = public()
    else:
        raise Http404
    if not access.is_listed(rows, owner, name):
        raise Http404
    return serving.stored_file(
        request, name, cache_control="private, no-cache" if signed else "no-cache"
    )


# Who may open an evidence file that is not public: it is read with its outcome.
EVIDENCE_READERS = ("stories.view_evidence", "stories.view_outcome")


@require_safe
def original(request, name: str):
    """An original upload, for staff who may view what it belongs to (the admin's
    "Currently:" link): never public, whatever its owner's state. An evidence file
    is a download, as it is for the public."""
    owner = access.original_owner(name) if request.user.is_staff else None
    if owner is None:
        raise Http404
    if isinstance(owner, Evidence):
        if not any(request.user.has_perm(p) for p in EVIDENCE_READERS):
            raise Http404
        return download(request, owner, cache_control="private, no-store")
    meta = owner._meta
    if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        raise Http404
    return serving.stored_file(request, name, cache_control="private, no-store")
