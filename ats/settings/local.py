"""Development on one machine: debug pages, runserver-friendly hosts."""

from ats.settings.base import *  # noqa: F403

DEBUG = True
