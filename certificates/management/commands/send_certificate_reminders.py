import datetime

from django.core.management.base import BaseCommand, CommandError

from certificates.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Email certificate holders 60 and 14 days before expiry and when it has expired. "
        "Run daily from cron; running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        sent = send_due_reminders(today=today)
        self.stdout.write(
            "Reminders sent: {} at 60 days, {} at 14 days, {} expired.".format(
                sent["60_days"], sent["14_days"], sent["expired"]
            )
        )
