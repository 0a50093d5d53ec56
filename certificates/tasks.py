"""Background work for certificates. Tasks take primary keys; in development and tests they run
at once (TASKS' immediate backend), in production on a `manage.py db_worker`."""

from django_tasks import task

from .services import bulk_downloads, reminders, rendering


@task()
def render_certificate_pdf(certificate_id: int, attempt: int = 1) -> bool:
    return rendering.render_or_retry(certificate_id, attempt)


@task()
def build_bulk_download(bulk_id: int) -> str:
    return bulk_downloads.build_bulk_zip(bulk_id).status


@task()
def send_certificate_reminders() -> dict:
    return reminders.send_due_reminders()
