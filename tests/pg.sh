#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 on 127.0.0.1 and print its URL; `tests/pg.sh stop DIR` stops and removes it.
# Use: export UNDELETED_TEST_PG_URL=$(tests/pg.sh) ... ; tests/pg.sh stop /tmp/undeleted-pg-XXXX
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$BIN/initdb" ] || { echo "PostgreSQL binaries not found: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = stop ]; then
  as_pg "$BIN/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null
  rm -rf "$2"
  exit 0
fi
PORT=${PG_PORT:-55432}
DIR=$(mktemp -d /tmp/undeleted-pg-XXXX)
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
as_pg "$BIN/initdb" -D "$DIR/data" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR" -l "$DIR/log" -w start >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
echo "started in $DIR (stop: tests/pg.sh stop $DIR)" >&2
