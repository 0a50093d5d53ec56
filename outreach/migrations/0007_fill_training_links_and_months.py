"""Fill what 0004 and 0005 added, on a site that already has training records: each record's
forward links and the months table. Until then the dashboard would count every record as its
learner's latest and show empty months."""

from django.db import migrations


def fill(apps, schema_editor):
    # A frozen copy of outreach.training_log's recount as it stood when the columns and the table
    # were made: a migration must not import live code, which changes after it.
    records = schema_editor.quote_name("outreach_trainingrecord")
    months = schema_editor.quote_name("outreach_trainingmonth")
    if schema_editor.connection.vendor == "postgresql":
        month = "DATE_TRUNC('month', issued_on::timestamp)::date"
    else:
        month = "DATE(issued_on, 'start of month')"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"""
            UPDATE {records} SET next_on = links.next_on, next_in_group_on = links.in_group
            FROM (
                SELECT certificate_id AS id,
                    CASE WHEN user_id IS NOT NULL THEN LEAD(issued_on) OVER (
                        PARTITION BY user_id ORDER BY issued_on, certificate_id) END AS next_on,
                    CASE WHEN user_id IS NOT NULL THEN LEAD(issued_on) OVER (
                        PARTITION BY user_id, group_id ORDER BY issued_on, certificate_id)
                        END AS in_group
                FROM {records}
            ) AS links
            WHERE {records}.certificate_id = links.id
        """)
        cursor.execute(f"DELETE FROM {months}")
        cursor.execute(f"""
            INSERT INTO {months} (month, group_id, state, county, people, people_in_group)
            SELECT {month}, group_id, state, county,
                SUM(CASE WHEN previous_on IS NULL OR previous_on < {month} THEN 1 ELSE 0 END),
                SUM(CASE WHEN previous_in_group_on IS NULL OR previous_in_group_on < {month}
                    THEN 1 ELSE 0 END)
            FROM {records}
            WHERE moved = %s
            GROUP BY {month}, group_id, state, county
        """, [False])
        # The partial index of latest records was built while every record looked latest. (A
        # later migration replaces it: then there is nothing to rebuild here.)
        indexes = schema_editor.connection.introspection.get_constraints(
            cursor, "outreach_trainingrecord")
        if "training_latest" not in indexes:
            return
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute("REINDEX INDEX training_latest")
        else:
            cursor.execute("REINDEX training_latest")


class Migration(migrations.Migration):

    dependencies = [
        ("outreach", "0006_training_current"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
