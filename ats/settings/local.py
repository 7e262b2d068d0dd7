"""Development on one machine: debug pages, runserver-friendly hosts."""

from ats.settings.base import *  # noqa: F403

DEBUG = True
# Serve static files straight from the apps; no collectstatic in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
