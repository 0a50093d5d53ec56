"""The months table's counts of learners on their latest certificate, filled for a site's existing
records (until then the dashboard's default period would count nobody per group and county), and
the index of latest records in organisation order."""

from django.db import migrations, models


def fill(apps, schema_editor):
    # A frozen copy of outreach.training_log's months recount as it stood when the columns were
    # made: a migration must not import live code, which changes after it. Every (month, group,
    # state, county) with a record of a learner who stayed at one place already has its row.
    records = schema_editor.quote_name("outreach_trainingrecord")
    months = schema_editor.quote_name("outreach_trainingmonth")
    if schema_editor.connection.vendor == "postgresql":
        month = "DATE_TRUNC('month', issued_on::timestamp)::date"
    else:
        month = "DATE(issued_on, 'start of month')"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"""
            UPDATE {months} SET latest = counts.latest, latest_in_group = counts.in_group
            FROM (
                SELECT {month} AS month, group_id, state, county,
                    SUM(CASE WHEN next_on IS NULL THEN 1 ELSE 0 END) AS latest,
                    SUM(CASE WHEN next_in_group_on IS NULL THEN 1 ELSE 0 END) AS in_group
                FROM {records}
                WHERE moved = %s
                GROUP BY {month}, group_id, state, county
            ) AS counts
            WHERE {months}.month = counts.month
                AND ({months}.group_id = counts.group_id
                     OR ({months}.group_id IS NULL AND counts.group_id IS NULL))
                AND {months}.state = counts.state AND {months}.county = counts.county
        """, [False])


class Migration(migrations.Migration):

    dependencies = [
        ("outreach", "0007_fill_training_links_and_months"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingmonth",
            name="latest",
            field=models.PositiveIntegerField(db_default=0),
        ),
        migrations.AddField(
            model_name="trainingmonth",
            name="latest_in_group",
            field=models.PositiveIntegerField(db_default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="trainingrecord",
            name="training_latest",
        ),
        migrations.AddIndex(
            model_name="trainingrecord",
            index=models.Index(
                condition=models.Q(("moved", False), ("next_in_group_on__isnull", True)),
                fields=["organisation", "group", "issued_on", "next_on", "state", "county"],
                name="training_latest_org",
            ),
        ),
    ]
