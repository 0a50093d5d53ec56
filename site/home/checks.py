"""Start-up check: every site's how-to-report callouts name a local law-enforcement number."""

from django.core.checks import Warning, register


@register()
def law_enforcement_number_set(app_configs, **kwargs):
    """Runs with every management command, so the daily reminders job puts it in the journal.

    It reads the database, so it says nothing where it cannot (before `migrate`, a `check
    --deploy` against an empty file, a process not allowed a connection): a check never stops a
    command, and without tables there are no callouts to serve.
    """
    from wagtail.models import Site

    from .models import TaskForceSettings

    try:
        sites = list(
            Site.objects.exclude(
                pk__in=TaskForceSettings.objects.exclude(law_enforcement_phone="").values("site_id")
            ).order_by("hostname", "port")
        )
    except Exception:
        return []
    return [
        Warning(
            f"No local law-enforcement number is set for the site {site}: its how-to-report "
            "callouts tell learners to call their local non-emergency line instead.",
            hint="Set it in the admin under Settings → Task force → Local law enforcement.",
            obj=site,
            id="home.W001",
        )
        for site in sites
    ]
