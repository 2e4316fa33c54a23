# Start throwaway PostgreSQL and Redis servers on loopback for the tests (Debian's packages).
# Sourced by ./dev test; exports DATABASE_URL_TEST and REDIS_URL_TEST when a server is up.

VA_PG_DIR=${VA_PG_DIR:-/tmp/va-test-pg}
VA_PG_PORT=${VA_PG_PORT:-54329}
VA_REDIS_PORT=${VA_REDIS_PORT:-63790}

_install_if_root() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

start_services() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || _install_if_root postgresql
  command -v redis-server >/dev/null || _install_if_root redis-server
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$pgbin" ]; then
    local runas=""
    [ "$(id -u)" = 0 ] && runas="runuser -u postgres --"
    rm -rf "$VA_PG_DIR" && mkdir -p "$VA_PG_DIR" && { [ -z "$runas" ] || chown postgres "$VA_PG_DIR"; }
    $runas "$pgbin/initdb" -D "$VA_PG_DIR/data" -U va --auth=trust >/dev/null
    $runas "$pgbin/pg_ctl" -D "$VA_PG_DIR/data" -l "$VA_PG_DIR/log" -w \
      -o "-p $VA_PG_PORT -k $VA_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    $runas "$pgbin/createdb" -h 127.0.0.1 -p "$VA_PG_PORT" -U va va_test
    export DATABASE_URL_TEST="postgresql+psycopg://va@127.0.0.1:$VA_PG_PORT/va_test"
    VA_PG_BIN=$pgbin
    VA_PG_RUNAS=$runas
  else
    echo "warning: PostgreSQL not available; its tests will be skipped" >&2
  fi
  if command -v redis-server >/dev/null; then
    redis-server --port "$VA_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
    export REDIS_URL_TEST="redis://127.0.0.1:$VA_REDIS_PORT/0"
  else
    echo "warning: Redis not available; its tests will be skipped" >&2
  fi
}

stop_services() {
  if [ -n "${VA_PG_BIN:-}" ]; then
    $VA_PG_RUNAS "$VA_PG_BIN/pg_ctl" -D "$VA_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  command -v redis-cli >/dev/null && redis-cli -p "$VA_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
