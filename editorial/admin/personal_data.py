"""A person's data from the participant admin: download it all, or erase it all.

Both actions need `personal_data` permission, which ParticipantAdmin grants to
editors (`has_personal_data_permission`, asking `may_handle_personal_data`).
"""

from functools import wraps

from django.contrib import admin, messages
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from editorial.erasure import erase_participant, plan_erasure
from editorial.subject_access import export_participant

CONFIRM = "erase"


def one_person(doing: str):
    """Run the action on the one participant selected, or tell the editor to pick one."""

    def decorate(action):
        @wraps(action)
        def run(modeladmin, request, queryset):
            people = list(queryset[:2])
            if len(people) == 1:
                return action(modeladmin, request, people[0])
            warning = f"Select exactly one person to {doing}: nothing was done."
            modeladmin.message_user(request, warning, messages.WARNING)
            return None

        return run

    return decorate


@admin.action(
    description="Download everything held about this person (subject access)",
    permissions=["personal_data"],
)
@one_person("download the data of")
def export_personal_data(modeladmin, request, person):
    response = HttpResponse(export_participant(person), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{person.slug}-personal-data.zip"
    )
    add_never_cache_headers(response)  # no-store: a copy left in a cache is a leak
    modeladmin.log_change(request, person, "Downloaded everything held about them.")
    return response


@admin.action(
    description="Erase this person and everything about them",
    permissions=["personal_data"],
)
@one_person("erase")
def erase_personal_data(modeladmin, request, person):
    if request.POST.get("confirm") != CONFIRM:
        return TemplateResponse(
            request,
            "admin/participants/participant/erase_confirmation.html",
            {
                **modeladmin.admin_site.each_context(request),
                "opts": modeladmin.model._meta,
                "title": "Erase this person?",
                "person": person,
                "plan": plan_erasure(person),
                "confirm": CONFIRM,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    report = erase_participant(participant=person, by=request.user)
    removed = "; ".join(f"{what}: {count}" for what, count in report.removed.items() if count)
    # By number only: a message waits in the session, and the erased name must not.
    modeladmin.message_user(
        request,
        f"Erased participant #{report.erasure.participant_id} and everything about them"
        + (f" ({removed})." if removed else "."),
        messages.SUCCESS,
    )
    if report.mentions:
        modeladmin.message_user(
            request,
            "Their name still appears in records of other people, which erasure does not "
            "change: " + "; ".join(f"{m.kind} “{m.label}”" for m in report.mentions) + ".",
            messages.WARNING,
        )
    if report.files_not_deleted:
        modeladmin.message_user(
            request,
            f"{len(report.files_not_deleted)} picture files could not be deleted from storage; "
            "the server log names them.",
            messages.ERROR,
        )
    return None
