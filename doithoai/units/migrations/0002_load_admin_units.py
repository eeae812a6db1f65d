"""Load the 34 provinces and 3,321 communes of the 2025 model, and the pre-2025 three-level units."""

from django.db import migrations


def load_units(apps, schema_editor):  # type: ignore[no-untyped-def]
    from doithoai.units.loading import load

    load(apps.get_model("units", "AdminUnit"))


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(load_units, migrations.RunPython.noop)]
