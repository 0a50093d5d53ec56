from django.core.management.base import BaseCommand, CommandError
from redflag.demo import synthetic


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic organisations, learners, certificates and in-person "
        "sessions, for benchmarks. Never run it on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10000,
                            help="Training records to write: certificates plus in-person sessions.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")
        parser.add_argument("--outcomes", type=int, default=0,
                            help="Outcome reports to add: reports made after the training.")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, records, seed, outcomes, batch_size, no_progress, **options):
        if records < 1:
            raise CommandError("--records must be at least 1.")
        if outcomes < 0:
            raise CommandError("--outcomes cannot be negative.")
        try:
            result = synthetic.generate(
                records, seed=seed, batch_size=batch_size, outcomes=outcomes,
                progress_stream=None if no_progress else self.stderr._out,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            "Wrote {organisations:,} organisations, {learners:,} learners, {certificates:,} "
            "certificates ({reissued:,} reissues), {sessions:,} in-person sessions and "
            "{outcomes:,} outcome reports.".format(**result)
        )
