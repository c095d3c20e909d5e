"""A stored finding keeps its rule's parameters, so its message can be shown in the
reader's language (the text saved with it stays, in the same column)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("surveys", "0004_response_workflow")]

    operations = [
        migrations.RenameField(
            model_name="responsefinding", old_name="message", new_name="saved_message"
        ),
        migrations.AlterField(
            model_name="responsefinding",
            name="saved_message",
            field=models.TextField(db_column="message", verbose_name="meddelande"),
        ),
        migrations.AddField(
            model_name="responsefinding",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="parametrar"),
        ),
    ]
