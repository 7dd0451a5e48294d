# shellcheck shell=bash
# Debian packages for the ops scripts. Source it after output.sh; it defines functions only.

# ensure_packages LOGFILE PACKAGE... — apt-installs the Debian packages that are missing.
# Services are NOT started by the packages' maintainer scripts (a temporary policy-rc.d
# forbids it), so a distribution default (nginx on :80, redis on :6379, the "main"
# PostgreSQL cluster on :5432) never squats the ports the stack needs.
ensure_packages() {
    local logfile=$1 pkg missing=() policy=/usr/sbin/policy-rc.d own_policy=0 rc=0
    shift
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing packages ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
    step_start "packages"
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# temporary, written by ops/stack: no service starts during package installs\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        own_policy=1
    fi
    {
        apt-get update &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    } >>"$logfile" 2>&1 || rc=$?
    [ "$own_policy" = 1 ] && rm -f "$policy"
    if [ "$rc" -ne 0 ]; then
        show_log_tail "$logfile"
        die "apt-get install ${missing[*]} failed; see $logfile"
    fi
    step_done "installed ${missing[*]}"
}
