"""Rounds published before versions existed become version 1 of themselves."""

from django.db import migrations
from django.utils import timezone

SNAPSHOT_FIELDS = (
    "status",
    "not_applicable_reason",
    "supplier_invoices",
    "e_invoices",
    "matched_invoices",
    "e_orders",
    "fte",
    "fte_year",
    "fte_is_fallback",
    "is_simulated",
)


def publish_existing(apps, schema_editor):
    Round = apps.get_model("surveys", "Round")
    Response = apps.get_model("surveys", "Response")
    Publication = apps.get_model("publishing", "Publication")
    PublishedResponse = apps.get_model("publishing", "PublishedResponse")
    for round_ in Round.objects.filter(status="published", publications__isnull=True):
        publication = Publication.objects.create(
            round=round_, version=1, published_at=round_.published_at or timezone.now()
        )
        PublishedResponse.objects.bulk_create(
            PublishedResponse(
                publication=publication,
                agency_id=response.agency_id,
                **{field: getattr(response, field) for field in SNAPSHOT_FIELDS},
            )
            for response in Response.objects.filter(round=round_)
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_publications")]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
