#!/usr/bin/env bash
# Starts the appliance on SQLite with SoftHSM2 security worlds for na, emea and apac.
#   ./run.sh [--urls URL] [other ASP.NET Core arguments]
# Environment: APPLIANCE_DATA (data folder, default ./data), APPLIANCE_ADMIN_PASSWORD (first start only),
# APPLIANCE_REGIONS (default "na emea apac"), APPLIANCE_DLL (run a published build instead of the source).
set -euo pipefail
cd "$(dirname "$0")"

urls="http://127.0.0.1:5000"
args=()
while (($#)); do
  case "$1" in
    --urls) urls="$2"; shift 2 ;;
    --urls=*) urls="${1#--urls=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

export APPLIANCE_DATA="${APPLIANCE_DATA:-./data}"
mkdir -p "$APPLIANCE_DATA"
chmod 0700 "$APPLIANCE_DATA"
APPLIANCE_DATA="$(cd "$APPLIANCE_DATA" && pwd)"
read -r -a regions <<<"${APPLIANCE_REGIONS:-na emea apac}"

# 1. SoftHSM2 tokens, one per region (installs SoftHSM2 when missing; keeps existing tokens and PINs).
hsm_env="$APPLIANCE_DATA/hsm/appliance.env"
mkdir -p "$APPLIANCE_DATA/hsm"
hsm-sim/setup.sh "$APPLIANCE_DATA/hsm" "${regions[@]}" >"$hsm_env.tmp"
mv "$hsm_env.tmp" "$hsm_env"
chmod 0600 "$hsm_env"
set -a
# shellcheck disable=SC1090
. "$hsm_env"
set +a

# 2. The appliance itself, on SQLite in the data folder.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
if [[ -n "${APPLIANCE_DLL:-}" ]]; then
  # A published build finds its wwwroot and appsettings.json beside itself.
  cd "$(dirname "$APPLIANCE_DLL")"
  exec dotnet "$(basename "$APPLIANCE_DLL")" --urls "$urls" "${args[@]}"
fi
exec dotnet run --project Appliance.Web -c Release --no-launch-profile -- --urls "$urls" "${args[@]}"
