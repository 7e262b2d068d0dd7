"""Fault drills: a private PostgreSQL, Redis, gunicorn and Celery, faults applied mid-burst, and the count."""
