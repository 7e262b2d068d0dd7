"""Tenants: companies or agencies, each in its own PostgreSQL schema."""

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "apps.tenants"
    label = "tenants"
    verbose_name = "Tenants"
