"""The import of a file uploaded in the browser, in the task engine (at once where there is no broker)."""

from celery import shared_task


@shared_task
def run_import(*, job_id: int) -> None:
    from .services.jobs import job_run

    job_run(job_id=job_id)
