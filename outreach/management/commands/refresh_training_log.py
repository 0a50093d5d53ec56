from django.core.management.base import BaseCommand, CommandError

from outreach import training_log


class Command(BaseCommand):
    help = (
        "Recount the training log (who counts as a person on the coverage dashboard) from the "
        "certificates. Redflag keeps it up to date itself; --check reports any drift and fails, "
        "and a plain run repairs it after certificates were changed outside Redflag (SQL, another "
        "tool's import)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Only compare with a recount; exit non-zero on any difference.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, check, no_progress, **options):
        if check:
            count, sample = training_log.drift()
            if count:
                rows = "\n".join(f"  {row}" for row in sample)
                raise CommandError(
                    f"The training log differs from a recount in {count:,} rows, for example:\n"
                    f"{rows}\nRun `manage.py refresh_training_log` to repair it.")
            self.stdout.write("The training log matches a recount from the certificates.")
            return
        learners = training_log.rebuild(progress_stream=None if no_progress else self.stderr._out)
        self.stdout.write(f"Recounted the training log of {learners:,} learners.")
