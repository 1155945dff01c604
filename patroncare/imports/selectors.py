"""Reads of imports, scoped to the reader's library system (another system's import is a 404)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import ImportJob, ImportRun, RunStatus


def runs_of(*, user) -> QuerySet:
    return (
        ImportRun.objects.filter(system_id=user.library_system_id)
        .exclude(status=RunStatus.DRY_RUN)
        .select_related("created_by", "undone_by")
        .order_by("-created_at", "-id")
    )


def jobs_waiting(*, user) -> QuerySet:
    """Files uploaded and not imported yet (or whose import stopped)."""
    return ImportJob.objects.filter(system_id=user.library_system_id, run__isnull=True).order_by(
        "-created_at"
    )


def job_get_for(*, user, pk: int) -> ImportJob:
    return get_object_or_404(
        ImportJob.objects.select_related("run", "created_by"), pk=pk, system_id=user.library_system_id
    )


def run_get_for(*, user, pk: int) -> ImportRun:
    return get_object_or_404(runs_of(user=user), pk=pk)


def job_of_run(*, run: ImportRun) -> ImportJob | None:
    """The browser job an import run came from (None for a run from the command line)."""
    return ImportJob.objects.filter(run=run).first()
