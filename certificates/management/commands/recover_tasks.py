"""Run before the task worker starts (deploy/systemd/redflag-worker.service).

A worker stopped mid-task (kill -9, a crash, a reboot, the database restarting under it) leaves
its task marked as running, and django-tasks' database worker never takes a running task again.
Tasks are written to be run again safely (a certificate that already has its PDF is not rendered
twice; a bulk ZIP is rebuilt whole), so the interrupted ones go back in the queue, and every
certificate still without a PDF gets a render queued.

Only where one worker runs, as deploy/ sets it up: with several, one starting would requeue
another's task in hand. Pass --stale-after to requeue only tasks running longer than that.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.services.rendering import queue_missing


class Command(BaseCommand):
    help = "Requeue tasks a stopped worker left running, and queue renders of missing PDFs."

    def add_arguments(self, parser):
        parser.add_argument("--stale-after", type=int, default=0, metavar="SECONDS",
                            help="Requeue only tasks that have been running this long.")

    def handle(self, *args, stale_after=0, **options):
        interrupted = DBTaskResult.objects.running()
        if stale_after:
            since = timezone.now() - datetime.timedelta(seconds=stale_after)
            interrupted = interrupted.filter(started_at__lt=since)
        requeued = interrupted.update(status=TaskResultStatus.READY)
        queued = queue_missing()
        self.stdout.write(f"Requeued {requeued} interrupted tasks; queued {queued} PDF renders.")
