from django.conf import settings
from django.core.management.base import BaseCommand

from courses import demo as course_demo
from redflag.accounts import demo as account_demo


class Command(BaseCommand):
    help = "Create the demo site, courses and (with --demo-accounts) demo sign-ins. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Also create the demo learner, trainer, reviewer and coordinator (never in production).",
        )

    def handle(self, *args, demo_accounts=False, **options):
        home = course_demo.seed_site()
        courses = course_demo.seed_courses(home)
        self.stdout.write(f"Site and {len(courses)} courses ready.")
        if demo_accounts:
            if not (settings.DEBUG or settings.REDFLAG_DEMO):
                self.stderr.write("Demo accounts are only created with DEBUG=1 or REDFLAG_DEMO=1.")
                return
            accounts = account_demo.seed_accounts()
            self.stdout.write("Demo sign-ins (password for all: %s):" % account_demo.DEMO_PASSWORD)
            for role, email in accounts:
                self.stdout.write(f"  {role:<12} {email}")
