#!/usr/bin/env bash
# Installs and starts everything the tests need, runs every test project, and ends with the line
# "N passed, N failed[, N skipped]" computed from the TRX results.
set -uo pipefail
cd "$(dirname "$0")"
root="$(pwd)"

log() { printf '==> %s\n' "$*" >&2; }

# 1. Debian packages the real parts need (SoftHSM2, PostgreSQL, slapd, Chromium for the browser tests). Only what is missing is installed.
need=()
command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
command -v pkcs11-tool >/dev/null 2>&1 || need+=(opensc)
command -v slapd >/dev/null 2>&1 || need+=(slapd ldap-utils)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi

work="$(mktemp -d -t appliance-test.XXXXXX)"
chmod 0755 "$work" # the postgres user must reach its data folder inside
pg_dir="$work/postgres"
cleanup() {
  tests/scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 2. A private PostgreSQL server on a free loopback port, shared by the data tests (each makes its own database).
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-40000 -n 1)"
log "starting PostgreSQL on 127.0.0.1:$pg_port"
if ! APPLIANCE_TEST_POSTGRES="$(tests/scripts/postgres.sh start "$pg_dir" "$pg_port")"; then
  echo "PostgreSQL could not be started" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
export APPLIANCE_TEST_POSTGRES

# 3. Build once, then run every test project; a build failure counts as one failed test.
results="$work/results"
mkdir -p "$results"
log "building"
if ! dotnet build Appliance.sln -c Release -nologo -clp:ErrorsOnly >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

log "testing"
dotnet test Appliance.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang-timeout 10m
test_exit=$?

# 4. The summary line, from the TRX counters.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if ((files == 0)) || { ((test_exit != 0)) && ((failed == 0)); }; then
  failed=$((failed + 1)) # the test host crashed or produced no results
fi

line="$passed passed, $failed failed"
((skipped > 0)) && line+=", $skipped skipped"
echo "$line"
((failed == 0))
