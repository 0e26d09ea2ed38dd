#!/usr/bin/env bash
# Stands SoftHSM2 up as one "security world" (token) per region under DATA_DIR and prints the
# appliance configuration that points at them, as environment variables (ASP.NET Core syntax).
#
#   usage: setup.sh DATA_DIR [REGION...]        (default regions: na emea apac)
#
# Idempotent: an existing token keeps its PINs and its keys; only missing tokens are created.
# stdout carries the configuration and nothing else (so `eval` and env files work); logs go to stderr.
set -euo pipefail

log() { printf 'hsm-sim: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  printf 'usage: %s DATA_DIR [REGION...]   (default regions: na emea apac)\n' "$0" >&2
  exit 2
fi

data_dir_arg="$1"
shift
regions=("$@")
if [[ ${#regions[@]} -eq 0 ]]; then
  regions=(na emea apac)
fi

for region in "${regions[@]}"; do
  # Region names end up in token labels (32 bytes max), file names and configuration keys.
  [[ "$region" =~ ^[a-z0-9][a-z0-9-]{0,24}$ ]] || die "invalid region name '$region' (lower-case letters, digits, '-'; at most 25 characters)"
done

# Everything this script creates is private to the owner: tokens, PIN files, the config.
umask 077

install_softhsm() {
  if command -v softhsm2-util >/dev/null 2>&1; then
    return
  fi
  log "softhsm2-util not found; installing softhsm2 with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "softhsm2 is missing and apt-get is not available; install SoftHSM2 2.6+ by hand"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "installing softhsm2 needs root (or sudo)"
    sudo=(sudo)
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q softhsm2 >&2
  command -v softhsm2-util >/dev/null 2>&1 || die "softhsm2 was installed but softhsm2-util is still not on PATH"
}

find_module() {
  # An explicit override wins (non-Debian systems, a locally built SoftHSM2).
  if [[ -n "${SOFTHSM2_MODULE:-}" ]]; then
    [[ -f "$SOFTHSM2_MODULE" ]] || die "SOFTHSM2_MODULE='$SOFTHSM2_MODULE' does not exist"
    printf '%s\n' "$SOFTHSM2_MODULE"
    return
  fi
  local candidates=()
  local multiarch=""
  if command -v dpkg-architecture >/dev/null 2>&1; then
    multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || true)
  fi
  if [[ -z "$multiarch" ]] && command -v gcc >/dev/null 2>&1; then
    multiarch=$(gcc -print-multiarch 2>/dev/null || true)
  fi
  if [[ -z "$multiarch" ]]; then
    multiarch="$(uname -m)-linux-gnu"
  fi
  # The multiarch path is the real file on Debian/Ubuntu; /usr/lib/softhsm is a compatibility link.
  candidates+=("/usr/lib/$multiarch/softhsm/libsofthsm2.so")
  if command -v dpkg >/dev/null 2>&1; then
    while IFS= read -r path; do
      candidates+=("$path")
    done < <(dpkg -L libsofthsm2 softhsm2 2>/dev/null | grep '/libsofthsm2\.so$' || true)
  fi
  candidates+=(/usr/lib/softhsm/libsofthsm2.so /usr/lib64/softhsm/libsofthsm2.so /usr/lib64/pkcs11/libsofthsm2.so
    /usr/local/lib/softhsm/libsofthsm2.so /opt/homebrew/lib/softhsm/libsofthsm2.so)
  local candidate
  for candidate in "${candidates[@]}"; do
    if [[ -f "$candidate" ]]; then
      # Report the canonical file, so the appliance and its logs show what is really loaded.
      readlink -f "$candidate"
      return
    fi
  done
  die "libsofthsm2.so not found (set SOFTHSM2_MODULE to its path)"
}

# Quotes a value for both `eval` and env files: bare when it is safe, single-quoted otherwise.
quote() {
  local value="$1"
  if [[ "$value" =~ ^[A-Za-z0-9_./:@%+=,-]+$ ]]; then
    printf '%s' "$value"
  else
    printf "'%s'" "${value//\'/\'\\\'\'}"
  fi
}

emit() { printf '%s=%s\n' "$1" "$(quote "$2")"; }

random_pin() {
  # 16 random bytes as 32 hex digits: within every token's PIN length limits, no shell-special characters.
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

token_exists() {
  local label="$1"
  softhsm2-util --show-slots 2>/dev/null | grep -Eq "^[[:space:]]*Label:[[:space:]]+${label}[[:space:]]*$"
}

read_pin() {
  local file="$1" key="$2"
  sed -n "s/^${key}=//p" "$file" | head -n 1
}

install_softhsm
module_path=$(find_module)

mkdir -p "$data_dir_arg"
data_dir=$(cd "$data_dir_arg" && pwd -P)
tokens_dir="$data_dir/tokens"
pins_dir="$data_dir/pins"
conf="$data_dir/softhsm2.conf"
mkdir -p "$tokens_dir" "$pins_dir"
chmod 0700 "$data_dir" "$tokens_dir" "$pins_dir"

# Rewritten every run (it holds no secret), so a moved DATA_DIR is repaired by running the script again.
conf_tmp=$(mktemp "$data_dir/.softhsm2.conf.XXXXXX")
cat >"$conf_tmp" <<EOF
# Written by hsm-sim/setup.sh. Every process that uses these tokens needs SOFTHSM2_CONF=$conf
directories.tokendir = $tokens_dir
objectstore.backend = file
log.level = ERROR
slots.removable = false
EOF
chmod 0600 "$conf_tmp"
mv -f "$conf_tmp" "$conf"
export SOFTHSM2_CONF="$conf"

for region in "${regions[@]}"; do
  label="region-$region"
  pin_file="$pins_dir/$region.pin"
  if token_exists "$label"; then
    [[ -f "$pin_file" ]] || die "token '$label' exists but its PIN file $pin_file is missing; restore it or delete the token"
    chmod 0600 "$pin_file"
    log "token '$label' already exists; keeping it and its PINs"
    continue
  fi
  if [[ -f "$pin_file" ]]; then
    # The token folder was wiped but the PINs survived: reuse them, so configuration elsewhere stays valid.
    so_pin=$(read_pin "$pin_file" so-pin)
    user_pin=$(read_pin "$pin_file" user-pin)
    [[ -n "$so_pin" && -n "$user_pin" ]] || die "$pin_file lacks so-pin= or user-pin= lines"
    log "re-creating token '$label' with the PINs already in $pin_file"
  else
    so_pin=$(random_pin)
    user_pin=$(random_pin)
    pin_tmp=$(mktemp "$pins_dir/.$region.pin.XXXXXX")
    printf 'so-pin=%s\nuser-pin=%s\n' "$so_pin" "$user_pin" >"$pin_tmp"
    chmod 0600 "$pin_tmp"
    mv -f "$pin_tmp" "$pin_file"
  fi
  # softhsm2-util takes PINs only as arguments or from a terminal; this is a simulator on a
  # single-user host, so the brief exposure in the process list is accepted (see README).
  softhsm2-util --init-token --free --label "$label" --so-pin "$so_pin" --pin "$user_pin" >&2
  log "created token '$label' (PINs in $pin_file)"
done

emit SOFTHSM2_CONF "$conf"
emit Hsm__ModulePath "$module_path"
index=0
for region in "${regions[@]}"; do
  emit "Hsm__Regions__${index}__Name" "$region"
  emit "Hsm__Regions__${index}__TokenLabel" "region-$region"
  emit "Hsm__Regions__${index}__PinFile" "$pins_dir/$region.pin"
  index=$((index + 1))
done
