"""factory-boy factories that create through the services, as the product does.
Use them inside a tenant context."""

from typing import Any

import factory

from apps.applications.models import Application, Job
from apps.applications.services import application_create, job_create
from apps.candidates.models import Candidate
from apps.candidates.services import candidate_create


class CandidateFactory(factory.Factory):
    class Meta:
        model = Candidate

    full_name = factory.Faker("name")
    emails = factory.Sequence(lambda n: [f"candidate{n}@example.com"])
    skills = factory.LazyFunction(lambda: ["Python", "PostgreSQL"])

    @classmethod
    def _create(cls, model_class: type[Candidate], *args: Any, **kwargs: Any) -> Candidate:
        return candidate_create(**kwargs)


class JobFactory(factory.Factory):
    class Meta:
        model = Job

    title = factory.Faker("job")
    code = factory.Sequence(lambda n: f"JOB-{n}")
    status = Job.Status.OPEN

    @classmethod
    def _create(cls, model_class: type[Job], *args: Any, **kwargs: Any) -> Job:
        return job_create(**kwargs)


class ApplicationFactory(factory.Factory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(JobFactory)

    @classmethod
    def _create(cls, model_class: type[Application], *args: Any, **kwargs: Any) -> Application:
        return application_create(**kwargs)
