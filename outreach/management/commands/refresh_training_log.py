from django.core.management.base import BaseCommand

from outreach import training_log


class Command(BaseCommand):
    help = (
        "Recompute the coverage columns of every certificate (who counts as a person on the "
        "dashboard). Redflag keeps them up to date itself; run this after changing certificates "
        "outside it, such as with SQL or another tool's bulk import."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, no_progress, **options):
        learners = training_log.refresh_all(
            progress_stream=None if no_progress else self.stderr._out)
        self.stdout.write(f"Recomputed the training log of {learners:,} learners.")
