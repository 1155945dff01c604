from celery import shared_task

from . import directory


@shared_task
def directory_check_leavers() -> int:
    """Daily: a person who left the directory, or its mapped groups, loses access within a day."""
    return directory.check_leavers()
