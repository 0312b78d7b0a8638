from django.conf import settings
from django.db import models

from participants.models import Participant


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (will be tried again)"
    GAVE_UP = "gave_up", "Not sent (gave up)"


class Notification(models.Model):
    """One email to one person, kept from the moment its event happens until it is sent.

    Written in the same transaction as the event (so an event that rolls back sends
    nothing, and one that commits is never lost), then sent by a background task
    (notifications.tasks). A failed send stays here, visible to superusers, and is
    tried again.
    """

    Status = NotificationStatus

    event = models.CharField(max_length=40)
    to_address = models.EmailField()
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Erasing a participant erases the emails written to them.
    to_participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # An event that must reach a person once only (a reminder): the same key for the
    # same address is never written twice.
    once_key = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["once_key", "to_address"],
                condition=~models.Q(once_key=""),
                name="notification_once_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NotificationStatus.values),
                name="notification_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_address}"


class TurnedOff(models.Model):
    """An optional event a person chose not to be emailed about (a staff user or a participant)."""

    event = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications_turned_off",
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications_turned_off",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=models.Q(user__isnull=False),
                name="turned_off_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["participant", "event"],
                condition=models.Q(participant__isnull=False),
                name="turned_off_once_per_participant",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) ^ models.Q(participant__isnull=False),
                name="turned_off_for_one_person",
            ),
        ]

    def __str__(self):
        return f"{self.event} turned off"
