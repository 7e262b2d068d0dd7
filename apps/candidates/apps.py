"""Candidates: a tenant app, filled in by its own issue."""

from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "apps.candidates"
    label = "candidates"
