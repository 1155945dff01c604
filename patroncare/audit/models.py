from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.libraries.models import LibrarySystem


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Signed out")
    SECURITY = "security", _("Security setting changed")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One line of the audit trail: who did what to which record, when and from where.

    Rows are never changed once written. The model refuses updates and deletes, and a database trigger
    (see the migration) refuses UPDATE on every database and DELETE on PostgreSQL.
    """

    library_system = models.ForeignKey(LibrarySystem, on_delete=models.PROTECT, null=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=80, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    # Kept empty: the record is labelled from its current state when the trail is read (see audit.labels).
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    # What happened, as a registered event code (see audit.events) and its non-personal values.
    event = models.CharField(_("event"), max_length=80, blank=True)
    params = models.JSONField(_("event values"), default=dict, blank=True)
    # Only events written before typed events existed may have one; new events never do.
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # {field: {"old": ..., "new": ...}} for non-personal fields; {field: {}} when the values are withheld.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        constraints = [
            models.CheckConstraint(condition=Q(action__in=AuditAction.values), name="auditevent_action_valid")
        ]
        indexes = [
            models.Index(fields=["library_system", "-at"]),
            models.Index(fields=["library_system", "actor", "-at"]),
            models.Index(fields=["library_system", "action", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["library_system", "event"]),
        ]

    def __str__(self) -> str:
        what = self.event or self.action
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {what} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class MaintenanceWindow(models.Model):
    """While a row exists (inside one transaction), the triggers let audit lines be changed or deleted.

    Opened only through `audit.maintenance.window`, by the retention schedule and by data migrations. Other
    connections never see the row: it is created and removed inside the transaction that does the maintenance.
    """

    reason = models.CharField(max_length=200)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit maintenance window")
        verbose_name_plural = _("audit maintenance windows")

    def __str__(self) -> str:
        return self.reason
