"""Preview, share links and participant sign-off in the story admin.

Links are created and revoked by buttons that POST to views of their own, not
through the inline, so every link gets its secret key from
`editorial.sharing.create_share_link` and every change lands in the story's history.
"""

from urllib.parse import urljoin

import nested_admin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, CharField, ExpressionWrapper, Q, Value
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html

from common.dates import local_datetime
from editorial.admin.inlines import OwnRowsOnly
from editorial.approvals import approval_refusal, latest_request, request_approval
from editorial.sharing import (
    create_share_link,
    latest_sign_off,
    revoke_share_link,
    share_url,
    sign_off_warning,
)
from editorial.views import staff_preview
from editorial.workflow import EDITOR_ONLY_STATUSES, can_publish
from stories.models import ShareLink


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        max_length=ShareLink._meta.get_field("label").max_length, required=False
    )
    sent_to = forms.EmailField(required=False)


class ShareLinkInline(nested_admin.NestedTabularInline):
    """The story's share links, read-only: the object tools create them, a button revokes."""

    model = ShareLink
    formset = OwnRowsOnly
    extra = 0
    is_sortable = False
    can_delete = False
    fields = ["label", "sent_to", "address", "created_at", "expires_at", "state"]
    readonly_fields = fields
    verbose_name = "share link"

    def has_view_permission(self, request, obj=None):
        # Whoever may see the story may see whom it was shared with; there are no
        # separate share-link permissions to grant to the roles.
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Display methods get only the row, so the site's address comes with each
        # one: staff need the full URL to paste into an email.
        # So does whether this user may revoke, so view-only staff get no dead button.
        site_root = Value(request.build_absolute_uri("/"), output_field=CharField())
        opts = self.parent_model._meta
        may_change = request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        if may_change and not can_publish(request.user):
            # A contributor's links on a published story are an editor's to revoke.
            may_revoke = ExpressionWrapper(
                ~Q(story__status__in=EDITOR_ONLY_STATUSES), output_field=BooleanField()
            )
        else:
            may_revoke = Value(may_change, output_field=BooleanField())
        return super().get_queryset(request).annotate(site_root=site_root, may_revoke=may_revoke)

    @admin.display(description="Link to send")
    def address(self, link):
        # The address answers for the participant: only those who may change the
        # story (and so send it) are shown it.
        if not getattr(link, "may_revoke", False):
            return "(shown to those who may change this story)"
        url = urljoin(getattr(link, "site_root", "/"), share_url(link))
        return format_html('<code class="share-address">{}</code>', url)

    @admin.display(description="State")
    def state(self, link):
        if link.revoked_at is not None:
            return f"Revoked {local_datetime(link.revoked_at)}"
        if not link.is_active:
            return "Expired"
        if not getattr(link, "may_revoke", False):
            return "Active"
        revoke_url = reverse(
            f"{self.admin_site.name}:stories_story_share_link_revoke",
            args=[link.story_id, link.pk],
        )
        # The button submits the small form in the object tools, never the story form
        # it sits in: pressing Enter while editing the story cannot revoke a link.
        return format_html(
            'Active <button type="submit" form="share-link-revoke" formaction="{}" '
            'class="button">Revoke</button>',
            revoke_url,
        )


class SharingAdmin:
    """Mixed into StoryAdmin: preview and share-link views, and the sign-off summary."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/share-links/",
                view(self.create_share_link_view),
                name="{}_{}_share_link_create".format(*info),
            ),
            path(
                "<path:object_id>/share-links/<int:link_id>/revoke/",
                view(self.revoke_share_link_view),
                name="{}_{}_share_link_revoke".format(*info),
            ),
            path(
                "<path:object_id>/ask-approval/",
                view(self.request_approval_view),
                name="{}_{}_request_approval".format(*info),
            ),
            *super().get_urls(),
        ]

    def _story_or_404(self, request, object_id):
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404("No such story.")
        return story

    def _change_page(self, story):
        return redirect(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            story.pk,
        )

    def preview_view(self, request, object_id):
        story = self._story_or_404(request, object_id)
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        return staff_preview(request, story.pk)

    def create_share_link_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._story_or_404(request, object_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        form = ShareLinkForm(request.POST)
        if not form.is_valid():
            problem = (
                "give the email address it is sent to in full, or leave it empty"
                if "sent_to" in form.errors
                else "keep “for” under 120 characters"
            )
            self.message_user(request, f"No link created: {problem}.", messages.ERROR)
            return self._change_page(story)
        link = create_share_link(
            story=story,
            by=request.user,
            label=form.cleaned_data["label"],
            sent_to=form.cleaned_data["sent_to"],
        )
        for_whom = f" for {link.label}" if link.label else ""
        self.log_change(request, story, f"Created a share link{for_whom}.")
        self.message_user(
            request,
            f"Share link created{for_whom}. It works until {local_datetime(link.expires_at)}: "
            f"{share_url(link, request)}",
            messages.SUCCESS,
        )
        return self._change_page(story)

    def revoke_share_link_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._story_or_404(request, object_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        link = get_object_or_404(ShareLink, pk=link_id, story=story)
        revoke_share_link(link=link, by=request.user)
        for_whom = f" for {link.label}" if link.label else ""
        self.log_change(request, story, f"Revoked a share link{for_whom}.")
        self.message_user(request, f"Share link{for_whom} revoked: it no longer works.")
        return self._change_page(story)

    def request_approval_view(self, request, object_id):
        """Ask the story's participant, by email, to approve the story as it stands."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._story_or_404(request, object_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        try:
            request_approval(story=story, by=request.user)
        except PermissionDenied as refusal:
            self.message_user(request, f"Not asked: {refusal}", messages.ERROR)
            return self._change_page(story)
        name = story.participant.name
        self.log_change(request, story, f"Asked {name} to approve the story.")
        self.message_user(
            request,
            f"{name} has been emailed a link to read and approve the story as it is now.",
            messages.SUCCESS,
        )
        return self._change_page(story)

    @admin.display(description="Asking for approval")
    def approval_summary(self, obj):
        if obj.pk is None:
            return "Save the story, then ask its participant to approve it."
        asked = latest_request(obj)
        warning = sign_off_warning(obj)
        if asked is None:
            said = "Not asked from their page yet."
        else:
            who = (
                asked.asked_by.get_full_name() or asked.asked_by.username if asked.asked_by else ""
            )
            said = format_html(
                "Last asked on {}{}{}.",
                local_datetime(asked.asked_at),
                format_html(" by {}", who) if who else "",
                format_html(", answered on {}", local_datetime(asked.answered_at))
                if asked.answered_at
                else " (no answer yet)",
            )
        answer = warning or "They approved the story as it is now."
        if refusal := approval_refusal(obj, None):
            return format_html("{} {} <em>{}</em>", said, answer, refusal)
        return format_html("{} {}", said, answer)

    @admin.display(description="Participant's answer")
    def sign_off_summary(self, obj):
        if obj.pk is None:
            return "Save the story, then create a share link to ask the participant."
        answer = latest_sign_off(obj)
        if answer is None:
            return "No answer yet."
        if answer.edit_version == obj.edit_version:
            version = "about this version of the story"
        else:
            version = "about an earlier version: the story has changed since"
        comment = (
            format_html("<blockquote>{}</blockquote>", linebreaksbr(answer.comment))
            if answer.comment
            else ""
        )
        through = (
            format_html(" through the link sent to {}", answer.sent_to) if answer.sent_to else ""
        )
        return format_html(
            "<strong>{}</strong> on {}{}, {}.{}",
            answer.get_decision_display(),
            local_datetime(answer.at),
            through,
            version,
            comment,
        )
