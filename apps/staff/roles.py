"""Roles are Django groups in each tenant schema, created by the staff migrations."""

HR_ADMIN = "hr_admin"
RECRUITER = "recruiter"
VIEWER = "viewer"
ROLES = (HR_ADMIN, RECRUITER, VIEWER)
# Roles that may change data through the API; viewers only read.
WRITER_ROLES = frozenset({HR_ADMIN, RECRUITER})
