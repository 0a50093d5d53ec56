from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "redflag.home"
    label = "home"
    verbose_name = "Home"

    def ready(self):
        # The site's own app installs the project-wide spreadsheet rule on Wagtail's exports,
        # which Wagtail offers no hook for (see redflag.lib.spreadsheets).
        from redflag.lib.spreadsheets import guard_wagtail_exports

        from . import checks  # noqa: F401  (registers the law-enforcement number check)

        guard_wagtail_exports()

        from redflag import sites

        sites.connect()
