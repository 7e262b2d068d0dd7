"""Job and application payloads. Stages change only through the move endpoint."""

from rest_framework import serializers

from apps.applications.models import Application, Job, Stage, StageChange


class JobSerializer(serializers.ModelSerializer[Job]):
    open_applications = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Job
        fields = ["id", "title", "code", "department", "location", "status", "description", "open_applications",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness is the service's (a clear 409), not the serializer's (an extra query).
        extra_kwargs: dict[str, dict[str, object]] = {"code": {"validators": []}}


class JobUpdateSerializer(JobSerializer):
    class Meta(JobSerializer.Meta):
        read_only_fields = ["id", "code", "created_at", "updated_at"]


class StageChangeSerializer(serializers.ModelSerializer[StageChange]):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None, allow_null=True)
    from_stage = serializers.ChoiceField(
        choices=Stage.choices, read_only=True, allow_blank=True, help_text="Empty for the first stage."
    )

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "actor", "reason", "override", "created_at"]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    job_code = serializers.CharField(source="job.code", read_only=True)
    job_title = serializers.CharField(source="job.title", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "candidate", "candidate_name", "job", "job_code", "job_title", "stage", "source",
                  "rejection_reason", "flags", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationSerializer):
    stage_changes = StageChangeSerializer(many=True, read_only=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "stage_changes"]
        read_only_fields = fields


class ApplicationCreateSerializer(serializers.Serializer[Application]):
    candidate = serializers.IntegerField(min_value=1)
    job = serializers.IntegerField(min_value=1)


class MoveSerializer(serializers.Serializer[Application]):
    stage = serializers.ChoiceField(choices=Stage.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    override = serializers.BooleanField(
        required=False, default=False, help_text="hr_admin only: hire a former employee, with a reason."
    )
