"""The HR staff console for candidates (the Django admin on tenant hosts):
candidates.py has the candidates with their resumes, applications, notes, audit
trail, erasure, export and the retention policy; duplicates.py the duplicate
review queue, merges (with undo), the thresholds and the duplicates panel of
the candidate page; reasons.py the matcher's reasons in the user's language.
Every write goes through apps.candidates.services or apps.candidates.privacy."""

from apps.candidates.admin import candidates, duplicates  # noqa: F401  # registers the ModelAdmins
