"""Inviting a participant to their page from the admin, and shutting their links.

Editors only (those who may change consent): the invitations list shows the
address each link went to, which is personal data, and contributors never see it.
Buttons POST to views of their own, through `editorial.invitations`' services;
refusals come back as messages on the participant's page.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html

from common.dates import local_datetime
from editorial.invitations import invite, revoke, revoke_all
from editorial.people_services import can_change_consent
from participants.models import Invitation


class InvitationInline(admin.TabularInline):
    """The participant's links, read-only: the object tools invite, a button revokes."""

    model = Invitation
    fk_name = "participant"
    extra = 0
    can_delete = False
    fields = ["sent_to", "created_at", "created_by", "expires_at", "used_at", "revoked_at", "state"]
    readonly_fields = fields
    verbose_name = "invitation"
    verbose_name_plural = "invitations to their page"

    def has_view_permission(self, request, obj=None):
        return can_change_consent(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description="State")
    def state(self, invitation):
        if invitation.revoked_at is not None:
            return "Shut (revoked or replaced)"
        if not invitation.is_active:
            return "Expired"
        words = (
            "Open: in use in one browser"
            if invitation.used_at is not None
            else "Open: not used yet"
        )
        revoke_url = reverse(
            f"{self.admin_site.name}:participants_participant_invitation_revoke",
            args=[invitation.participant_id, invitation.pk],
        )
        # Submits the small form in the object tools, never the participant form it
        # sits in: pressing Enter while editing cannot revoke a link.
        return format_html(
            '{} <button type="submit" form="invitation-revoke" formaction="{}" '
            'class="button">Revoke</button>',
            words,
            revoke_url,
        )


class InvitingAdmin:
    """Mixed into ParticipantAdmin: invite, revoke one link, revoke them all."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/invite/",
                view(self.invite_view),
                name="{}_{}_invite".format(*info),
            ),
            path(
                "<path:object_id>/invitations/<int:invitation_id>/revoke/",
                view(self.revoke_invitation_view),
                name="{}_{}_invitation_revoke".format(*info),
            ),
            path(
                "<path:object_id>/invitations/revoke-all/",
                view(self.revoke_all_invitations_view),
                name="{}_{}_invitation_revoke_all".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_invite"] = obj is not None and can_change_consent(request.user)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def _participant_for_invitations(self, request, object_id):
        if not can_change_consent(request.user):
            raise PermissionDenied
        participant = self.get_object(request, unquote(object_id))
        if participant is None:
            raise Http404("No such participant.")
        return participant

    def _change_page(self, participant):
        return redirect(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            participant.pk,
        )

    def invite_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        participant = self._participant_for_invitations(request, object_id)
        try:
            invitation, _ = invite(participant=participant, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return self._change_page(participant)
        self.log_change(request, participant, "Invited them to their page.")
        self.message_user(
            request,
            f"Invitation emailed to {invitation.sent_to}. The link works until "
            f"{local_datetime(invitation.expires_at)}; earlier links not yet opened "
            "no longer work.",
            messages.SUCCESS,
        )
        return self._change_page(participant)

    def revoke_invitation_view(self, request, object_id, invitation_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        participant = self._participant_for_invitations(request, object_id)
        invitation = get_object_or_404(Invitation, pk=invitation_id, participant=participant)
        if revoke(invitation=invitation, by=request.user):
            self.log_change(request, participant, "Revoked a link to their page.")
            self.message_user(request, "Link revoked: it no longer opens their page.")
        else:
            self.message_user(request, "That link was already shut.", messages.WARNING)
        return self._change_page(participant)

    def revoke_all_invitations_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        participant = self._participant_for_invitations(request, object_id)
        count = revoke_all(participant=participant, by=request.user)
        if count:
            self.log_change(request, participant, "Revoked every link to their page.")
        self.message_user(
            request,
            f"{count} open link{'s' if count != 1 else ''} revoked: any browser signed in "
            "with them is signed out."
            if count
            else "They had no open links.",
        )
        return self._change_page(participant)
