"""What each person chose for each kind of message, and the lines waiting for their daily digest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail each")
    DIGEST = "digest", _("In one daily digest")


class Preference(models.Model):
    """A person's choice for one kind; no row means immediate."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind of message"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_one_per_kind"),
            models.CheckConstraint(
                condition=Q(delivery__in=["immediate", "digest"]), name="notification_delivery_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"


class DigestLine(models.Model):
    """One message held for the recipient's daily digest: its subject line and its link, never more."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_lines")
    kind = models.CharField(max_length=40)
    line = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self) -> str:
        return self.line


class Notification(models.Model):
    """Something waits for a person: a line and a link, shown in their list until read or acted on.

    The line is written by the module that raised it, in the recipient's language, and never holds a patron's
    contact details or narrative. `target` names the record ("complaints.complaint:12") so acting on it
    clears every notification about it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind of message"), max_length=40)
    line = models.CharField(_("what waits"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    target = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    cleared_by_action = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["target", "read_at"], name="notification_target"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cleared_by_action=False) | Q(read_at__isnull=False),
                name="notification_cleared_is_read",
            ),
        ]

    def __str__(self) -> str:
        return self.line

    @property
    def unread(self) -> bool:
        return self.read_at is None
