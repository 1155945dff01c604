"""An import of a library's old spreadsheet: the run with its counts, and one line per record it made, keyed
by the source and the row, so that importing the same file again changes nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.files import random_upload_to
from patroncare.libraries.models import LibrarySystem


class Kind(models.TextChoices):
    INCIDENTS = "incidents", _("Incidents")
    EXCLUSIONS = "exclusions", _("Exclusions and ban lists")
    COMPLAINTS = "complaints", _("Complaints")
    RESOURCES = "resources", _("Community resources")


class RunStatus(models.TextChoices):
    DRY_RUN = "dry_run", _("Dry run")
    DONE = "done", _("Imported")
    UNDONE = "undone", _("Undone")


class ImportRun(models.Model):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(
        _("source"), max_length=80, help_text=_("e.g. “Incident Google Form 2019–2024”")
    )
    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": n, "messages": [...], "values": {...}}]
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="importrun_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="importrun_status_valid"),
            models.CheckConstraint(
                condition=Q(undone_at__isnull=True) | Q(status="undone"), name="importrun_undone_state"
            ),
        ]
        indexes = [models.Index(fields=["system", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.source} · {self.created_at:%Y-%m-%d}"


class ImportedRow(models.Model):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="imported_rows")
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=80)
    row_key = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "kind", "source", "row_key"], name="importedrow_once")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.row_key}"


class ColumnMapping(models.Model):
    """The columns and values chosen for a source last time, offered again for its next file."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=80)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "kind", "source"], name="columnmapping_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.source}"


class JobState(models.TextChoices):
    MAPPING = "mapping", _("Being prepared")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Stopped by an error")


class ImportJob(models.Model):
    """A file uploaded in the browser, on its way through the steps: columns, values, dry run, import.

    The file is kept (private storage) until the import is made, so each step reads what was uploaded."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of records"), max_length=20, choices=Kind.choices)
    source = models.CharField(
        _("source"), max_length=80, help_text=_("e.g. “Incident Google Form 2019–2024”")
    )
    file = models.FileField(upload_to=random_upload_to("imports"))
    file_name = models.CharField(max_length=200)
    mapping = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.MAPPING)
    total = models.PositiveIntegerField(default=0)
    run = models.OneToOneField(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    failure = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="importjob_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=JobState.values), name="importjob_state_valid"),
        ]
        indexes = [models.Index(fields=["system", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"
