from celery import shared_task


@shared_task
def apply_retention() -> int:
    """Scheduled daily: every library system's retention schedule. Returns how many records went."""
    from .services import retention_apply_everywhere

    return sum(sum(report.counts.values()) for report in retention_apply_everywhere())
