#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests, living entirely in one folder.
#
#   postgres.sh start DIR PORT   initialise (first time) and start a server in DIR listening on
#                                127.0.0.1:PORT; prints an admin connection string (role "appliance",
#                                which may create databases) as the last line of stdout
#   postgres.sh stop DIR [PORT]  stop that server and delete DIR
#
# Both are idempotent. Run as root, the server runs as the "postgres" user (initdb refuses root);
# run as anyone else, it runs as that user. PostgreSQL is installed with apt-get when missing.
# fsync is off: the data is disposable.
set -euo pipefail

readonly ROLE=appliance
# Only a folder holding this marker is ever deleted by "stop".
readonly MARKER=.appliance-test-postgres

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: postgres.sh start DIR PORT | stop DIR [PORT]" >&2
  exit 2
}

find_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"
    return 0
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

ensure_installed() {
  if BIN=$(find_bin_dir); then
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "PostgreSQL (initdb, pg_ctl) is not installed, and installing it needs root: apt-get install postgresql"
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no apt-get to install it with"
  echo "postgres.sh: installing PostgreSQL with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 postgresql >&2; then
    apt-get update -o DPkg::Lock::Timeout=300 >&2
    apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 postgresql >&2 || die "apt-get could not install postgresql"
  fi
  BIN=$(find_bin_dir) || die "postgresql was installed but initdb/pg_ctl were not found"
}

# Runs a command as the server's owner.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir=$1 port=$2
  [[ "$port" =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "PORT must be a TCP port number, not '$port'"
  ensure_installed

  if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ ! -f "$dir/$MARKER" ]]; then
    [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty and was not made by postgres.sh"
    touch "$dir/$MARKER"
  fi
  chmod 700 "$dir"
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$dir"
  fi
  as_owner test -w "$dir" \
    || die "the postgres user cannot write to $dir (every parent folder must be searchable by it)"

  local pgdata="$dir/pgdata" password_file="$dir/password" password
  if [[ ! -s "$password_file" ]]; then
    (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$password_file")
  fi
  password=$(cat "$password_file")

  if [[ ! -f "$pgdata/PG_VERSION" ]]; then
    # Local (socket) connections are trusted: the socket lives in $dir, which only the owner can enter.
    as_owner "$BIN/initdb" -D "$pgdata" -U postgres -E UTF8 --locale=C \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    echo "include_if_exists = 'appliance.conf'" | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
  fi

  if as_owner "$BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    local running_port
    running_port=$(sed -n 4p "$pgdata/postmaster.pid")
    [[ "$running_port" == "$port" ]] || die "a server is already running in $dir on port $running_port"
  else
    as_owner tee "$pgdata/appliance.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    as_owner "$BIN/pg_ctl" -D "$pgdata" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$dir/server.log" >&2 || true; die "the server did not start (port $port in use?)"; }
  fi

  # The password is hex, so it needs no quoting; it goes through stdin, not the command line.
  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null <<SQL \
    || die "could not create the role $ROLE"
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL

  echo "Host=127.0.0.1;Port=$port;Username=$ROLE;Password=$password;Database=postgres"
}

stop() {
  local dir=$1
  [[ -d "$dir" ]] || return 0
  [[ -f "$dir/$MARKER" ]] || die "refusing to touch $dir: it was not made by postgres.sh"
  local pgdata="$dir/pgdata"
  if [[ -f "$pgdata/postmaster.pid" ]]; then
    if BIN=$(find_bin_dir); then
      as_owner "$BIN/pg_ctl" -D "$pgdata" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$pgdata/postmaster.pid" ]]; then
      # pg_ctl missing or stuck: signal the postmaster directly (SIGQUIT = immediate shutdown).
      local pid
      pid=$(head -n 1 "$pgdata/postmaster.pid")
      [[ "$pid" =~ ^[0-9]+$ ]] && kill -QUIT "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  rm -rf "$dir"
}

[[ $# -ge 2 ]] || usage
case "$1" in
  start)
    [[ $# -eq 3 ]] || usage
    start "$2" "$3"
    ;;
  stop)
    [[ $# -le 3 ]] || usage
    stop "$2"
    ;;
  *)
    usage
    ;;
esac
