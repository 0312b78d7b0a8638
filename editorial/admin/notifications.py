"""Every email the site queued, for superusers: what it said, whether it went, and why
not. Under DEBUG this list is also the development outbox."""

from django.contrib import admin, messages
from django.utils.html import format_html

from editorial.admin.changelists import DatesInRange
from editorial.admin_site import SuperusersOnly
from notifications.models import Notification
from notifications.sending import send_again


@admin.register(Notification)
class NotificationAdmin(DatesInRange, SuperusersOnly, admin.ModelAdmin):
    list_display = ["created_at", "event", "to_address", "subject", "status", "attempts"]
    list_filter = ["status", "event"]
    search_fields = ["to_address", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "event",
        "to_address",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "subject",
        "headers_as_text",
        "text_body",
        "html_body",
    ]
    readonly_fields = fields
    actions = ["try_sending_again"]

    # A record of what was sent: read, never written or removed by hand (a failure
    # is never lost; erasing a participant erases theirs).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Headers")
    def headers_as_text(self, obj):
        lines = "\n".join(f"{name}: {value}" for name, value in (obj.headers or {}).items())
        return format_html('<pre class="notification-text">{}</pre>', lines or "(none)")

    @admin.display(description="Text body")
    def text_body(self, obj):
        return format_html('<pre class="notification-text">{}</pre>', obj.body_text)

    @admin.display(description="HTML body (as text)")
    def html_body(self, obj):
        return format_html('<pre class="notification-text">{}</pre>', obj.body_html)

    @admin.action(description="Try sending again now")
    def try_sending_again(self, request, queryset):
        count = send_again(queryset.values_list("pk", flat=True))
        if count:
            self.message_user(
                request,
                f"{count} email{'s' if count != 1 else ''} queued to be sent again now; "
                "their status shows here once tried.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Nothing to send: those were sent already.", messages.INFO)
