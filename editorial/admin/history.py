"""Revisions in the story admin: history, compare, restore, recover."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from editorial import revisions, services
from stories.models import Story


class RevisionsAdmin:
    """Mixed into StoryAdmin: replaces the History page with the story's revisions."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/history/compare/",
                wrap(self.compare_view),
                name="stories_story_compare",
            ),
            path(
                "<int:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name="stories_story_restore",
            ),
            path("recover/", wrap(self.recover_list_view), name="stories_story_recover_list"),
            path(
                "recover/<int:version_id>/",
                wrap(require_POST(self.recover_view)),
                name="stories_story_recover",
            ),
            *super().get_urls(),
        ]

    def _history_story_or_404(self, request, object_id, *, change=False):
        if not str(object_id).isdecimal():  # the admin's own history URL takes any text
            raise Http404("No such story.")
        story = get_object_or_404(Story.objects.select_related("participant"), pk=object_id)
        allowed = (
            self.has_change_permission(request, story)
            if change
            else self.has_view_permission(request, story)
        )
        if not allowed:
            raise PermissionDenied
        return story

    def _version_or_404(self, story, version_id):
        for version in revisions.versions_of(story.pk):
            if version.pk == version_id:
                return version
        raise Http404("No such revision of this story.")

    def _render(self, request, template, story, **context):
        return TemplateResponse(
            request,
            f"admin/stories/story/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": story,
                "title": context.pop("title"),
                **context,
            },
        )

    def history_view(self, request, object_id, extra_context=None):
        story = self._history_story_or_404(request, object_id)
        return self._render(
            request,
            "revisions.html",
            story,
            title=f"History of “{story}”",
            versions=revisions.versions_of(story.pk),
            status_changes=list(story.status_changes.select_related("by")),
            can_restore=self.has_change_permission(request, story),
        )

    def compare_view(self, request, object_id):
        story = self._history_story_or_404(request, object_id)
        try:
            ids = sorted({int(request.GET["a"]), int(request.GET["b"])})
        except (KeyError, ValueError):
            messages.error(request, "Choose two revisions to compare.")
            return HttpResponseRedirect(reverse("admin:stories_story_history", args=[story.pk]))
        older, newer = (self._version_or_404(story, pk) for pk in (ids[0], ids[-1]))
        return self._render(
            request,
            "compare.html",
            story,
            title=f"Compare revisions of “{story}”",
            older=older,
            newer=newer,
            rows=revisions.compare(older, newer),
        )

    def restore_view(self, request, object_id, version_id):
        story = self._history_story_or_404(request, object_id, change=True)
        version = self._version_or_404(story, version_id)
        if request.method != "POST":
            current = revisions.versions_of(story.pk)[0]
            return self._render(
                request,
                "restore.html",
                story,
                title=f"Restore a revision of “{story}”",
                version=version,
                rows=revisions.restore_preview(story, current, version),
            )
        report = services.restore_revision(story=story, version=version, by=request.user)
        self._report(request, "Restored the revision.", report)
        return HttpResponseRedirect(reverse("admin:stories_story_change", args=[story.pk]))

    def recover_list_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/stories/story/recover_list.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Recover deleted stories",
                "deleted": revisions.deleted_stories(),
            },
        )

    def recover_view(self, request, version_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = next((v for v in revisions.deleted_stories() if v.pk == version_id), None)
        if version is None:
            raise Http404("No deleted story with that revision.")
        report = services.recover_story(version=version, by=request.user)
        self._report(request, f"Recovered “{report.story}” as a draft.", report)
        return HttpResponseRedirect(reverse("admin:stories_story_change", args=[report.story.pk]))

    def delete_model(self, request, obj):
        # Kept first, so the story can be recovered with its relations.
        revisions.save_revision(obj, by=request.user, comment="Deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            revisions.save_revision(story, by=request.user, comment="Deleted")
        super().delete_queryset(request, queryset)

    def _report(self, request, done, report):
        self.message_user(request, done, messages.SUCCESS)
        if report.lost:
            self.message_user(
                request, "Could not bring back: " + " ".join(report.lost), messages.WARNING
            )
