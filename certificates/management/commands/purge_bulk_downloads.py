from django.core.management.base import BaseCommand

from certificates.services.bulk_downloads import BULK_KEEP_DAYS, purge_old_bulk_downloads


class Command(BaseCommand):
    help = (
        f"Delete bulk certificate ZIPs (the registry's and organisation managers') requested more "
        f"than {BULK_KEEP_DAYS} days ago, with their files. Run daily from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_old_bulk_downloads()
        self.stdout.write(f"Deleted {deleted} bulk downloads older than {BULK_KEEP_DAYS} days.")
