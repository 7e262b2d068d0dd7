#!/usr/bin/env bash
# Known-vulnerability audit of every Python package installed in .venv (requirements/base.txt,
# dev.txt and what they pull in), with pip-audit. Run by scripts/test.sh.
#
# Services: PyPI's JSON API, OSV, Ecosyste.ms advisories. Exit status: 1 when a service reports
# a known vulnerability (CI fails). When no service could be asked about some packages (no
# network, a mirror without PyPI's per-version JSON, OSV unreachable) it says so loudly, names
# the packages left unaudited, and exits 0: an unreachable service must not block every build,
# and must not pass for "no vulnerabilities" either. AUDIT_REQUIRED=1 turns that case into
# exit 2 (for a release build with network).
#
# Settings (environment): AUDIT_SERVICES (default "pypi osv esms", tried in order until every
# package is audited), AUDIT_OSV_URL (another OSV endpoint, e.g. an internal mirror),
# AUDIT_TIMEOUT (seconds per request, default 15), AUDIT_REQUIRED (0 or 1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
services="${AUDIT_SERVICES:-pypi osv esms}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for service in $services; do
    options=(--skip-editable --progress-spinner off --format json --timeout "${AUDIT_TIMEOUT:-15}"
             --vulnerability-service "$service" --output "$work/$service.json")
    if [ "$service" = osv ] && [ -n "${AUDIT_OSV_URL:-}" ]; then
        options+=(--osv-url "$AUDIT_OSV_URL")
    fi
    # Its exit status means "vulnerabilities found" and "service failed" alike: the report tells.
    "$VENV/bin/pip-audit" "${options[@]}" 2>"$work/$service.log" || true
done

"$VENV/bin/python" - "$work" "${AUDIT_REQUIRED:-0}" $services <<'PYTHON'
import json
import pathlib
import sys

work, required, services = pathlib.Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3:]
audited: dict[str, str] = {}  # package -> the service that answered for it
unaudited: dict[str, str] = {}  # package -> why not (from the last service that tried)
vulnerable: list[str] = []
failures: list[str] = []
for service in services:
    try:
        report = json.loads((work / f"{service}.json").read_text())
    except (OSError, ValueError):
        log = (work / f"{service}.log").read_text(errors="replace").strip().splitlines()
        failures.append(f"{service}: no answer ({log[-1] if log else 'no output'})")
        continue
    for dependency in report["dependencies"]:
        # Skipped packages carry no version in the report: key by name alone.
        name = dependency["name"]
        reason = dependency.get("skip_reason")
        if reason and "editable" in reason:
            continue
        if reason:
            unaudited.setdefault(name, f"{service}: {reason}")
            continue
        audited.setdefault(name, service)
        unaudited.pop(name, None)
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions") or []) or "no fixed version"
            vulnerable.append(f"{name} {dependency['version']}: {vulnerability['id']} (fixed in {fixed}; via {service})")

for name in audited:
    unaudited.pop(name, None)
if vulnerable:
    print(f"KNOWN VULNERABILITIES ({len(set(vulnerable))}):")
    print("\n".join(f"  {line}" for line in sorted(set(vulnerable))))
    sys.exit(1)
if not unaudited and audited:
    print(f"No known vulnerabilities in {len(audited)} packages ({', '.join(sorted(set(audited.values())))}).")
    sys.exit(0)
banner = "!" * 78
print(banner)
print(f"DEPENDENCY AUDIT INCOMPLETE: {len(unaudited)} package(s) could NOT be checked; this is not a pass.")
print(f"Audited: {len(audited)}. Services tried: {', '.join(services)}.")
for failure in failures:
    print(f"  {failure}")
for name, reason in sorted(unaudited.items())[:10]:
    print(f"  not audited: {reason}")
if len(unaudited) > 10:
    print(f"  ... and {len(unaudited) - 10} more")
print("Run it where PyPI's JSON API or api.osv.dev answers (or set AUDIT_OSV_URL).")
print(banner)
sys.exit(2 if required else 0)
PYTHON
