from django.core.management.base import BaseCommand

from certificates.services.rendering import render_missing


class Command(BaseCommand):
    help = (
        "Render the PDF of every certificate that has none yet (after a failed render). Cron-able."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Render at most this many.")

    def handle(self, *args, limit=None, **options):
        rendered, failed = render_missing(limit=limit)
        self.stdout.write(f"Rendered {rendered} certificate PDFs; {failed} failed.")
        if failed:
            self.stderr.write("See the log for the errors; the next run tries them again.")
