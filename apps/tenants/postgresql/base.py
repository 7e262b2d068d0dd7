"""Database backend that sets search_path and the RLS tenant setting in one statement.

This is the one code path that binds a connection to a tenant. django-tenants
decides *when* the search_path must be (re)issued: after set_tenant(), after a
rollback or savepoint rollback (which revert a SET made inside them) and on a new
connection. Here the same statement also sets ``app.tenant_id`` (read by every
RLS policy) and the audit context, so the two walls can never disagree and a
tenant switch costs a single round trip. A switch back to the settings the
session already holds for good (the last statement sent, committed on its own,
nothing rolled back or sent since) sends nothing: a worker's tasks of one
tenant after another pay no round trip for it.

The tenant id is looked up from the schema name inside that statement, so the
RLS setting always names the tenant that owns the schema on the search_path,
whichever API (set_tenant, set_schema, migrate_schemas) chose it. The public
schema, or a schema no tenant owns, gets an empty setting: RLS then admits no
tenant row at all (fail closed).
"""

import select
from typing import Any

import psycopg
from django_tenants.postgresql_backend import base as tenants_base
from django_tenants.utils import get_public_schema_name
from psycopg import pq

SET_CONTEXT_SQL = (
    "SELECT set_config('search_path', %s, false),"
    " set_config('app.tenant_id', {tenant_id}, false),"
    " set_config('app.actor', %s, false),"
    " set_config('app.request_id', %s, false)"
)
SET_TENANT_SQL = SET_CONTEXT_SQL.format(
    tenant_id="coalesce((SELECT id::text FROM public.tenants_tenant WHERE schema_name = %s), '')"
)
# The public schema has no tenant; this form also works before tenants_tenant exists.
SET_PUBLIC_SQL = SET_CONTEXT_SQL.format(tenant_id="''")


class DatabaseWrapper(tenants_base.DatabaseWrapper):  # type: ignore[misc]
    health_check_done: bool  # Django's; set by its __init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Who is acting and in which request, written into audit events by the
        # audit triggers. Set before the tenant so __init__'s set_schema_to_public works.
        self.audit_actor = ""
        self.request_id = ""
        self._setting_search_path: bool = False
        self.search_path_set_schemas: list[str] | None = None
        # The tenant statement (with its parameters) this connection's session holds
        # for good: the last one sent, when it ran on its own in autocommit (committed:
        # no rollback can take it back) and nothing was sent or rolled back since.
        self._committed_context: tuple[str, tuple[str, ...]] | None = None
        super().__init__(*args, **kwargs)

    def close(self) -> None:
        self._committed_context = None
        super().close()

    def rollback(self) -> None:
        self._committed_context = None
        super().rollback()

    def savepoint_rollback(self, sid: str) -> None:
        self._committed_context = None
        super().savepoint_rollback(sid)

    def set_audit_context(self, *, actor: str | None = None, request_id: str | None = None) -> None:
        """Record the actor or request id; sent with the next tenant statement."""
        if actor is not None and actor != self.audit_actor:
            self.audit_actor = actor
            self.search_path_set_schemas = None
        if request_id is not None and request_id != self.request_id:
            self.request_id = request_id
            self.search_path_set_schemas = None

    def set_tenant(self, tenant: Any, include_public: bool = True) -> None:
        # The schema already bound (a webhook binds the recipient's tenant before its
        # token row, then message_store enters and leaves that same tenant): the SET
        # made for it still holds, so it is not sent again. Rollbacks forget it apart.
        if tenant.schema_name == self.schema_name and include_public == self.include_public_schema:
            self.tenant = tenant
            return
        super().set_tenant(tenant, include_public)

    def close_if_health_check_failed(self) -> None:
        # Django's health check (CONN_HEALTH_CHECKS) is a SELECT 1 before the first query
        # of every request: a round trip of its own, one in seven of a webhook's. A server
        # that ended the connection (restart, pg_terminate_backend, idle timeout, a proxy)
        # has sent its goodbye and closed the socket, so an idle connection whose socket
        # has nothing to read is taken as it is; anything else gets Django's SELECT 1.
        # (A peer that vanished without a word would hang the SELECT 1 as well.)
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and self._quiet_and_idle()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _quiet_and_idle(self) -> bool:
        """The connection is open, outside a transaction, and the server has sent nothing since."""
        pgconn = self.connection.pgconn
        if pgconn.status != pq.ConnStatus.OK or pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            poll = select.poll()
            poll.register(pgconn.socket, select.POLLIN)
            return not poll.poll(0)
        except (OSError, ValueError, psycopg.OperationalError):
            return False

    def _handle_search_path(self, cursor: Any = None) -> None:
        # Mirrors django-tenants' implementation; only the statement differs.
        if self._setting_search_path:
            return
        if tenants_base.get_limit_set_calls() and self.search_path_set_schemas:
            return
        if not self.schema_name:
            raise tenants_base.ImproperlyConfigured("Database schema not set.")

        search_paths = self._get_cursor_search_paths()
        search_path = ",".join(tenants_base.quote_schema_name(s) for s in search_paths)
        params: tuple[str, ...]
        if self.schema_name == get_public_schema_name():
            statement, params = SET_PUBLIC_SQL, (search_path, self.audit_actor, self.request_id)
        else:
            statement = SET_TENANT_SQL
            params = (search_path, self.schema_name, self.audit_actor, self.request_id)
        if (statement, params) == self._committed_context:
            # The session holds exactly these settings already (a worker's task after
            # another of the same tenant and actor: leaving a tenant sends nothing, so
            # the server still has them). One round trip a task fewer.
            self.search_path_set_schemas = search_paths
            return
        # Committed on its own only when no transaction is open (autocommit): a SET in
        # a transaction is undone with it, so it is not remembered.
        on_its_own = (
            self.get_autocommit()
            and not self.in_atomic_block
            and self.connection.pgconn.transaction_status == pq.TransactionStatus.IDLE
        )
        self._committed_context = None
        self._setting_search_path = True
        context_cursor = self.connection.cursor() if cursor is None else cursor
        try:
            context_cursor.execute(statement, params)
        except (tenants_base.DatabaseError, tenants_base.psycopg.InternalError):
            # The transaction is already aborted; the next statement fails too
            # and the rollback that follows invalidates this state.
            self.search_path_set_schemas = None
        else:
            self.search_path_set_schemas = search_paths
            if on_its_own:
                self._committed_context = (statement, params)
        finally:
            self._setting_search_path = False
            if cursor is None:
                context_cursor.close()
