# Image of the ATS backend: one image for api (gunicorn), migrate, Celery worker and beat.
# Build the dev variant (test tools + flower) with --build-arg REQUIREMENTS=dev.
FROM python:3.11-slim-bookworm

# prod installs the runtime requirements; dev adds requirements/dev.txt (test tools, flower).
ARG REQUIREMENTS=prod

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=ats.settings.production

# Tesseract for OCR with the languages ingestion reads (the models: 20 MB for the first four,
# 51 MB for the rest); psycopg[binary] brings its own libpq.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
        tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-nld tesseract-ocr-pol tesseract-ocr-ces \
        tesseract-ocr-tur tesseract-ocr-ron tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-srp \
        tesseract-ocr-ell tesseract-ocr-ara tesseract-ocr-heb tesseract-ocr-chi-sim tesseract-ocr-chi-tra \
        tesseract-ocr-jpn tesseract-ocr-kor tesseract-ocr-hin tesseract-ocr-tha \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged runtime user. The code stays root-owned (read-only to it); only /data is writable.
RUN groupadd --system --gid 1000 ats \
    && useradd --system --uid 1000 --gid ats --no-create-home --shell /usr/sbin/nologin ats \
    && mkdir -p /data/media /data/beat \
    && chown ats:ats /data/media /data/beat

WORKDIR /app

# Dependencies first so that code changes reuse this layer.
COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/prod.txt \
    && if [ "$REQUIREMENTS" = dev ]; then pip install --no-cache-dir -r requirements/dev.txt; fi

COPY . .

# Translations are compiled from locale/*/LC_MESSAGES/django.po (the .mo files are not in git).
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check -o "${po%.po}.mo" "$po"; done \
    && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*

# Static files into /app/staticfiles. Settings demand secrets and database URLs at import time;
# these dummies exist only for this command (nothing connects) and are not kept in the image.
RUN SECRET_KEY=build-only JWT_SIGNING_KEY=build-only \
    DATABASE_URL=postgres://build@localhost/build DATABASE_OWNER_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput --verbosity 0

USER ats
ENV MEDIA_ROOT=/data/media
EXPOSE 8000

# Workers, threads and the port: ats/gunicorn_conf.py (scripts/start-dev.sh starts it the same way).
CMD ["gunicorn", "ats.wsgi:application", "--config", "python:ats.gunicorn_conf"]
