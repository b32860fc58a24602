#!/usr/bin/env bash
# Start the local PostgreSQL cluster if it is down and wait until it accepts connections
# (the store tests run against it; they skip, saying why, only when it stays unreachable).
set -u
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
command -v pg_isready >/dev/null 2>&1 || { echo "pg_isready not found: PostgreSQL is not installed" >&2; exit 1; }
if ! pg_isready -q -h "$HOST" -p "$PORT"; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h "$HOST" -p "$PORT" && break
    sleep 1
  done
fi
pg_isready -h "$HOST" -p "$PORT"
