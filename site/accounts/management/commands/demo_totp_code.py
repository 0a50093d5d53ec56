import time

from allauth.mfa import app_settings as mfa_settings
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from redflag.demo import accounts as demo


class Command(BaseCommand):
    help = "Print the current two-factor code of the staff demo accounts (demo sites only)."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.REDFLAG_DEMO):
            raise CommandError("Demo codes exist only with DEBUG=1 or REDFLAG_DEMO=1.")
        now = time.time()
        self.stdout.write(demo.current_code(now))
        period = mfa_settings.TOTP_PERIOD
        self.stderr.write(f"Valid for {period - int(now) % period} more seconds.")
