"""Switch the default connection between the runtime role and the owner role.

Web and workers run as the runtime role (DATABASE_URL). Only the commands that
change the database's shape (migrations, provisioning) reconnect as the owner
role (DATABASE_OWNER_URL), and say so by calling connect_as("owner").
"""

from typing import Literal

import environ
from django.conf import settings
from django.db import connections

Role = Literal["owner", "runtime"]


def connect_as(role: Role) -> None:
    url = settings.DATABASE_OWNER_URL if role == "owner" else settings.DATABASE_URL
    credentials = environ.Env.db_url_config(url)
    connection = connections["default"]
    if connection.settings_dict["USER"] == credentials["USER"]:
        return  # already connected as this role; keep any open transaction
    connection.close()
    # Keep NAME: under test it is the test database, not the one in the URL.
    for key in ("USER", "PASSWORD", "HOST", "PORT"):
        connection.settings_dict[key] = credentials[key]
