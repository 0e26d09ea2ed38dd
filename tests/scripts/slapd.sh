#!/usr/bin/env bash
# A throw-away OpenLDAP server for the directory-sync tests, living entirely in one folder.
#
#   slapd.sh start DIR PORT   configure (slapd.conf in DIR, mdb backend, suffix dc=contoso,dc=test),
#                             seed the test directory and start slapd on 127.0.0.1:PORT only; prints
#                             the server URL as the last line of stdout
#   slapd.sh stop DIR [PORT]  stop that server and delete DIR
#
# With SLAPD_OWNER_PID set, "start" also leaves a watcher that runs "stop" once that process is gone,
# so a test process that is killed rather than ending normally leaves no slapd behind.
#
# slapd and ldap-utils are installed with apt-get when missing. The seed (see seed_ldif) holds nested
# groups, a disabled user (description=disabled, the OpenLDAP convention the tests configure), a user
# without mail, and a read-only service account for the sync; every password here is test data.
set -euo pipefail

readonly SUFFIX="dc=contoso,dc=test"
readonly ROOT_DN="cn=admin,$SUFFIX"
readonly ROOT_PASSWORD="slapd test root password"
# Only a folder holding this marker is ever deleted by "stop".
readonly MARKER=.appliance-test-slapd

die() {
  echo "slapd.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: slapd.sh start DIR PORT | stop DIR [PORT] | watch DIR PID" >&2
  exit 2
}

ensure_installed() {
  if command -v slapd >/dev/null 2>&1 || [[ -x /usr/sbin/slapd ]]; then
    if command -v ldapsearch >/dev/null 2>&1; then
      return 0
    fi
  fi
  [[ $EUID -eq 0 ]] || die "slapd and ldap-utils are not installed, and installing them needs root: apt-get install slapd ldap-utils"
  echo "slapd.sh: installing slapd and ldap-utils with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 slapd ldap-utils >&2; then
    apt-get update -o DPkg::Lock::Timeout=300 >&2
    apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 slapd ldap-utils >&2 || die "apt-get could not install slapd"
  fi
}

write_config() {
  local dir=$1
  cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $dir/slapd.pid
argsfile $dir/slapd.args

database mdb
maxsize 104857600
suffix "$SUFFIX"
rootdn "$ROOT_DN"
rootpw "$ROOT_PASSWORD"
directory $dir/db
index objectClass eq
index entryUUID eq

# Passwords: a user may bind with (and change) its own, nobody may read one, not even the sync account.
access to attrs=userPassword by self =xw by anonymous auth by * none
access to * by users read by * none
CONF
}

seed_ldif() {
  cat <<LDIF
dn: $SUFFIX
objectClass: dcObject
objectClass: organization
dc: contoso
o: Contoso

dn: ou=people,$SUFFIX
objectClass: organizationalUnit
ou: people

dn: ou=groups,$SUFFIX
objectClass: organizationalUnit
ou: groups

dn: ou=services,$SUFFIX
objectClass: organizationalUnit
ou: services

dn: cn=appliance-sync,ou=services,$SUFFIX
objectClass: inetOrgPerson
cn: appliance-sync
sn: sync
userPassword: sync account password

dn: uid=alice,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: alice
cn: Alice Archer
sn: Archer
displayName: Alice Archer
mail: alice@contoso.test
userPassword: alice directory password

dn: uid=bob,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: bob
cn: Bob Baker
sn: Baker
displayName: Bob Baker
mail: bob@contoso.test
userPassword: bob directory password

dn: uid=dave,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: dave
cn: Dave Dean
sn: Dean
displayName: Dave Dean
mail: dave@contoso.test
userPassword: dave directory password

dn: uid=mallory,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: mallory
cn: Mallory Mills
sn: Mills
displayName: Mallory Mills
mail: mallory@contoso.test
description: disabled
userPassword: mallory directory password

dn: uid=nomail,ou=people,$SUFFIX
objectClass: inetOrgPerson
uid: nomail
cn: No Mail
sn: Mail
displayName: No Mail
userPassword: nomail directory password

dn: cn=emea-sales,ou=groups,$SUFFIX
objectClass: groupOfNames
objectClass: extensibleObject
cn: emea-sales
mail: emea-sales@contoso.test
member: uid=dave,ou=people,$SUFFIX
member: uid=mallory,ou=people,$SUFFIX

dn: cn=sales,ou=groups,$SUFFIX
objectClass: groupOfNames
objectClass: extensibleObject
cn: sales
mail: sales@contoso.test
member: cn=emea-sales,ou=groups,$SUFFIX
member: uid=bob,ou=people,$SUFFIX
member: uid=nomail,ou=people,$SUFFIX
LDIF
}

start() {
  local dir=$1 port=$2
  ensure_installed
  local slapd_bin slapadd_bin
  slapd_bin=$(command -v slapd || echo /usr/sbin/slapd)
  slapadd_bin=$(command -v slapadd || echo /usr/sbin/slapadd)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  touch "$dir/$MARKER"
  if [[ ! -d "$dir/db" ]]; then
    mkdir -p "$dir/db"
    write_config "$dir"
    seed_ldif >"$dir/seed.ldif"
    "$slapadd_bin" -q -f "$dir/slapd.conf" -l "$dir/seed.ldif" >&2 || die "slapadd could not load the seed"
  fi
  # -h: this loopback port only; no -u, so slapd keeps the identity of its caller (root in tests).
  "$slapd_bin" -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/" >&2 || die "slapd did not start"
  for _ in $(seq 1 100); do
    if ldapsearch -x -H "ldap://127.0.0.1:$port/" -D "$ROOT_DN" -w "$ROOT_PASSWORD" -b "$SUFFIX" -s base dn >/dev/null 2>&1; then
      if [[ -n "${SLAPD_OWNER_PID:-}" ]]; then
        # Detached and with no handle on our stdout, so the caller's read of it ends now.
        setsid bash "$0" watch "$dir" "$SLAPD_OWNER_PID" </dev/null >/dev/null 2>&1 &
      fi
      echo "ldap://127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  die "slapd did not answer on 127.0.0.1:$port"
}

stop() {
  local dir=$1
  [[ -d "$dir" ]] || return 0
  [[ -f "$dir/$MARKER" ]] || die "$dir was not made by slapd.sh; refusing to delete it"
  if [[ -f "$dir/slapd.pid" ]]; then
    local pid
    pid=$(cat "$dir/slapd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -rf "$dir"
}

[[ $# -ge 2 ]] || usage
case $1 in
  start) [[ $# -eq 3 ]] || usage; start "$2" "$3" ;;
  stop) stop "$2" ;;
  watch)
    [[ $# -eq 3 ]] || usage
    while kill -0 "$3" 2>/dev/null && [[ -d "$2" ]]; do sleep 2; done
    stop "$2"
    ;;
  *) usage ;;
esac
