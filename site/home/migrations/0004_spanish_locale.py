"""Spanish joins English as a language pages can be written in: trainers can translate a course
into it as soon as Redflag is installed (WAGTAIL_CONTENT_LANGUAGES lists both)."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0003_certificate_signer"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
