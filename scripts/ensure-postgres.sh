#!/usr/bin/env bash
# PostgreSQL for the HQ tests (Debian's `postgresql`): install when missing, start the cluster, and
# create the role the tests use (aisle_test, allowed to create and drop their own databases).
# Idempotent; run as root. Tests read AISLE_TEST_PG_URL when a different server should be used.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
read -r ver cluster _ < <(pg_lsclusters -h | head -n1)
pg_ctlcluster "$ver" "$cluster" start 2>/dev/null || true   # already running is fine
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
pg_isready -h 127.0.0.1
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aisle_test') THEN
    CREATE ROLE aisle_test LOGIN CREATEDB PASSWORD 'aisle_test';
  END IF;
END $$;
SQL
