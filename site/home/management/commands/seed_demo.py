from django.conf import settings
from django.core.management.base import BaseCommand
from redflag.demo import accounts as account_demo
from redflag.demo import outreach as outreach_demo
from redflag.demo import translations as translation_demo

from certificates import demo as certificate_demo
from courses import demo as course_demo
from quizzes import demo as quiz_demo


class Command(BaseCommand):
    help = "Create the demo site and courses and, with --demo-accounts, demo sign-ins. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Also create the demo sign-ins, one per role (only with DEBUG or REDFLAG_DEMO).",
        )

    def handle(self, *args, demo_accounts=False, **options):
        home = course_demo.seed_site()
        courses = course_demo.seed_courses(home)
        quizzes = quiz_demo.seed_quizzes(courses)
        translated = translation_demo.seed_translations(home)
        self.stdout.write(f"Site, {len(courses)} courses and {len(quizzes)} quizzes ready, "
                          f"{len(translated)} pages translated.")
        if demo_accounts:
            if not (settings.DEBUG or settings.REDFLAG_DEMO):
                self.stderr.write("Demo accounts are only created with DEBUG=1 or REDFLAG_DEMO=1.")
                return
            accounts = account_demo.seed_accounts()
            self.stdout.write(f"Demo sign-ins (password for all: {account_demo.DEMO_PASSWORD}):")
            for role, email in accounts:
                self.stdout.write(f"  {role:<12} {email}")
            outreach = outreach_demo.seed_outreach()
            self.stdout.write(f"  {'manager':<12} {outreach_demo.MANAGER_EMAIL} "
                              f"(manages {outreach_demo.DEMO_HOTEL})")
            self.stdout.write(f"Outreach: {outreach['organisations']} organisations in the "
                              "directory, with demo training.")
            if certificate_demo.seed_demo_certificate():
                self.stdout.write(f"Demo certificate issued to {certificate_demo.DEMO_LEARNER}.")
            self.stdout.write(
                f"Staff ({', '.join(account_demo.staff_roles())}) also type a code from an "
                f"authenticator app: add the demo key {account_demo.display_secret()} to one, or "
                "print the current code with `DEBUG=1 .venv/bin/python manage.py demo_totp_code`."
            )
