"""Candidate.erased_at, the retention sweep's index and the retention policy table.

Locking: the new column is nullable without a default (a catalog change only).
CREATE INDEX candidate_retention takes a SHARE lock on candidates_candidate while
it builds, so writes to candidates wait (reads go on); it is partial (not yet
erased) and narrow (status, updated_at).
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0005_role_permissions_on_duplicates"),
    ]

    operations = [
        migrations.CreateModel(
            name="RetentionPolicy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "active_months",
                    models.PositiveIntegerField(
                        blank=True,
                        default=24,
                        help_text="Empty: never.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, "Give at least one month, or leave it empty for never."
                            )
                        ],
                        verbose_name="active: months",
                    ),
                ),
                (
                    "do_not_contact_months",
                    models.PositiveIntegerField(
                        blank=True,
                        default=6,
                        help_text="Empty: never.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, "Give at least one month, or leave it empty for never."
                            )
                        ],
                        verbose_name="do not contact: months",
                    ),
                ),
                (
                    "hired_months",
                    models.PositiveIntegerField(
                        blank=True,
                        default=None,
                        help_text="Empty: never.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, "Give at least one month, or leave it empty for never."
                            )
                        ],
                        verbose_name="hired: months",
                    ),
                ),
                (
                    "left_months",
                    models.PositiveIntegerField(
                        blank=True,
                        default=None,
                        help_text="Empty: never. Erased former employees keep the keyed hashes of the rehire guard.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, "Give at least one month, or leave it empty for never."
                            )
                        ],
                        verbose_name="former employees: months",
                    ),
                ),
            ],
            options={
                "verbose_name": "retention policy",
                "verbose_name_plural": "retention policy",
            },
        ),
        migrations.AddField(
            model_name="candidate",
            name="erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="erased at"),
        ),
        migrations.AddIndex(
            model_name="candidate",
            index=models.Index(
                condition=models.Q(("erased_at__isnull", True)),
                fields=["status", "updated_at"],
                name="candidate_retention",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionpolicy",
            constraint=models.CheckConstraint(condition=models.Q(("id", 1)), name="retention_policy_single_row"),
        ),
        migrations.AddConstraint(
            model_name="retentionpolicy",
            constraint=models.CheckConstraint(
                condition=models.Q(("active_months__gt", 0), ("active_months__isnull", True), _connector="OR"),
                name="retention_active_months_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionpolicy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("do_not_contact_months__gt", 0), ("do_not_contact_months__isnull", True), _connector="OR"
                ),
                name="retention_dnc_months_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionpolicy",
            constraint=models.CheckConstraint(
                condition=models.Q(("hired_months__gt", 0), ("hired_months__isnull", True), _connector="OR"),
                name="retention_hired_months_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionpolicy",
            constraint=models.CheckConstraint(
                condition=models.Q(("left_months__gt", 0), ("left_months__isnull", True), _connector="OR"),
                name="retention_left_months_positive",
            ),
        ),
    ]
