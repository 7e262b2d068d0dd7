from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0004_webhooktoken_quarantinedmessage"),
    ]

    operations = [
        migrations.AddField(
            model_name="tenant",
            name="resume_language",
            field=models.CharField(
                blank=True,
                choices=[("eng", "English"), ("deu", "German"), ("fra", "French"), ("spa", "Spanish")],
                default="",
                help_text=(
                    "The language most resumes arrive in: scans in it are read faster, with slightly fewer accents."
                ),
                max_length=3,
                verbose_name="resume language",
            ),
        ),
    ]
