"""The four stakeholder groups Redflag starts with. Trainers add more in the admin."""

from django.db import migrations

GROUPS = [
    ("Utility workers", "utility-workers", "#1d4ed8", 10,
     "Meter readers, line workers, technicians and installers who enter homes and businesses."),
    ("Hotel and lodging staff", "hotel-lodging", "#9b1c1c", 20,
     "Housekeeping, front desk, maintenance, food service and security in hotels and motels."),
    ("Emergency-room and health-care staff", "health-care", "#047857", 30,
     "Nurses, physicians, registration, social workers and EMS crews."),
    ("School personnel", "school-personnel", "#7c3aed", 40,
     "Teachers, counsellors, school nurses, bus drivers, coaches and administrators."),
]


def create_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("courses.StakeholderGroup")
    for name, slug, colour, order, description in GROUPS:
        StakeholderGroup.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "colour": colour, "sort_order": order, "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
