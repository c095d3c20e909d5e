"""Seed the accessibility statement and the deficiencies known at launch (about/seed.py)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from about.seed import seed_statement

    seed_statement(
        apps.get_model("about", "AccessibilityStatement"),
        apps.get_model("about", "AccessibilityIssue"),
    )


class Migration(migrations.Migration):
    dependencies = [("about", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
