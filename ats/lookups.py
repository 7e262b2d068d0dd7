"""``field__any=[...]``: ``field = ANY(%s)`` with the values bound as one array.

Django's ``__in`` writes one placeholder per value; for thousands of ids that
is thousands of constants for PostgreSQL to parse and plan (and for Django to
compose), twice on a paginated list (the count and the page). One array
parameter is the same plan at half the database time.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup[Any]):
    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        return "%s", [list(value)]

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]
