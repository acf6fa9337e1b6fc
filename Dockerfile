# Tonkoll service. The rules live in a volume at /rules so the comms team edits them without
# a rebuild; the service notices a change within a second or two.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY tonkoll ./tonkoll
COPY api ./api
RUN pip install . \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin tonkoll \
    && mkdir /data && chown tonkoll /data

# The bundled rules, used when no volume is mounted over /rules.
COPY rules /rules

# The feedback counters' SQLite file lives in /data (mount a volume there to keep it), unless
# TONKOLL_DATABASE_URL points at PostgreSQL.
ENV TONKOLL_RULES_DIRS=/rules \
    TONKOLL_DATA_DIR=/data
VOLUME ["/data"]
USER tonkoll
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health', timeout=3)"]

# On 0.0.0.0 `tonkoll serve` refuses to start without TONKOLL_API_TOKENS (or an explicit --open).
CMD ["tonkoll", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
