import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from outreach.services import follow_ups


class Command(BaseCommand):
    help = (
        "Email each active trainer what is due: their organisations' follow-ups and their "
        "campaign targets' follow-ups, overdue or due within a week. Run weekly; a trainer with "
        "nothing due gets no email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, today=None, no_progress=False, **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today must be YYYY-MM-DD: {error}") from error
        else:
            day = timezone.localdate()
        sent = follow_ups.send_digests(
            day, progress_stream=None if no_progress else self.stderr._out)
        self.stdout.write(f"Follow-up digests sent: {sent}.")
