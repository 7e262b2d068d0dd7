# Shared steps of start-dev.sh and test.sh: install what is missing, start the
# local services, keep .venv and .env in place. Every step is idempotent.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa
                 tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-nld tesseract-ocr-pol tesseract-ocr-ces
                 tesseract-ocr-tur tesseract-ocr-ron tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-srp
                 tesseract-ocr-ell tesseract-ocr-ara tesseract-ocr-heb tesseract-ocr-chi-sim tesseract-ocr-chi-tra
                 tesseract-ocr-jpn tesseract-ocr-kor tesseract-ocr-hin tesseract-ocr-tha
                 postgresql redis-server docker-compose gettext curl python3-venv fonts-dejavu-core
                 dovecot-imapd chromium)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_system_packages() {
    local missing=()
    for package in "${SYSTEM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "Installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

ensure_services() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        say "Starting PostgreSQL"
        as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
        for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        say "Starting Redis"
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
        for _ in $(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
    fi
}

ensure_venv() {
    local python=python3.11
    command -v "$python" >/dev/null || python=python3
    [ -x "$PY" ] || { say "Creating .venv"; "$python" -m venv "$VENV"; }
    local stamp="$VENV/.installed"
    local wanted
    wanted="$(cat "$ROOT"/requirements/*.txt "$ROOT/setup.cfg" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        say "Installing Python packages into .venv"
        "$PY" -m pip install -q --upgrade pip
        "$PY" -m pip install -q -e "$ROOT[dev]"
        echo "$wanted" > "$stamp"
    fi
}

ensure_env_file() {
    [ -f "$ROOT/.env" ] && return
    say "Writing .env with fresh secrets (from .env.example)"
    "$PY" - "$ROOT" <<'PYTHON'
import pathlib, secrets, sys
root = pathlib.Path(sys.argv[1])
lines = (root / ".env.example").read_text().splitlines()
fresh = {"SECRET_KEY": secrets.token_urlsafe(50), "JWT_SIGNING_KEY": secrets.token_urlsafe(50)}
out = [f"{line.split('=', 1)[0]}={fresh[line.split('=', 1)[0]]}" if line.split("=", 1)[0] in fresh else line
       for line in lines]
(root / ".env").write_text("\n".join(out) + "\n")
PYTHON
}

compile_translations() {
    local po
    for po in "$ROOT"/locale/*/LC_MESSAGES/django.po; do
        msgfmt --check -o "${po%.po}.mo" "$po"
    done
}

prepare() {
    install_system_packages
    ensure_services
    ensure_venv
    ensure_env_file
    compile_translations
}
