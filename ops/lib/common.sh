# shellcheck shell=bash
# Shared helpers for the ops scripts. Source it; it defines functions only (and no `set` flags).
# Conventions: every address is 127.0.0.1; timeouts are in seconds; a "pidfile" holds one PID.

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

log() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    # A pending "starting X…" line gets its newline first.
    if [ "${_STEP_OPEN:-0}" = 1 ]; then printf 'FAILED\n'; _STEP_OPEN=0; fi
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Milliseconds since the epoch, and a "12.3s" rendering of the time since such a stamp.
now_ms() { date +%s%3N; }
elapsed_s() {
    local ms=$(( $(now_ms) - $1 ))
    printf '%d.%01ds' $(( ms / 1000 )) $(( ms % 1000 / 100 ))
}

# One line per component: `step_start NAME` prints "NAME  starting… " and `step_done TEXT`
# completes the line. `step_note NAME TEXT` prints a whole line for a component left as it was.
step_start() {
    printf '%-11s starting… ' "$1"
    _STEP_OPEN=1
    _STEP_T0=$(now_ms)
}
step_done() {
    printf '%s (%s)\n' "$*" "$(elapsed_s "$_STEP_T0")"
    _STEP_OPEN=0
}
step_note() {
    local name=$1; shift
    printf '%-11s %s\n' "$name" "$*"
}

# Prints the last lines of a log file, indented, to stderr (used right before `die`); where
# start_bg marked starts with "=== ", only lines of the latest start.
show_log_tail() {
    local file=$1 lines=${2:-20}
    [ -s "$file" ] || return 0
    printf '  --- %s (last lines) ---\n' "$file" >&2
    awk '/^=== / {n = 0; next} {buf[n++] = $0} END {for (i = (n > m ? n - m : 0); i < n; i++) print buf[i]}' \
        m="$lines" "$file" | sed 's/^/  | /' >&2
}

# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------

# Echoes the PID stored in a pidfile (nothing, status 1, when absent or not a number).
pid_from_file() {
    local file=$1 pid
    [ -r "$file" ] || return 1
    read -r pid _ <"$file" || true
    case "${pid:-}" in '' | *[!0-9]*) return 1 ;; esac
    printf '%s\n' "$pid"
}

# True when process PID exists and is no zombie (an exited child of an init that reaps slowly).
pid_exists() {
    local stat
    kill -0 "$1" 2>/dev/null || return 1
    read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# True when PID is alive and, if PATTERN is given, its command line contains PATTERN
# (guards against a recycled PID after a reboot or a crash).
pid_alive() {
    local pid=$1 pattern=${2:-}
    if [ -z "$pid" ] || ! pid_exists "$pid"; then return 1; fi
    [ -z "$pattern" ] && return 0
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# Echoes the PID from PIDFILE when that process is alive (and matches PATTERN).
running_pid() {
    local pid
    pid=$(pid_from_file "$1") || return 1
    pid_alive "$pid" "${2:-}" || return 1
    printf '%s\n' "$pid"
}

# start_bg PIDFILE LOGFILE COMMAND... — runs COMMAND detached (own session, stdin from
# /dev/null, stdout+stderr appended to LOGFILE) and writes its PID to PIDFILE.
# `setsid` execs in place here (a background child of a non-interactive shell is no process
# group leader), so the PID written is the PID of COMMAND itself.
start_bg() {
    local pidfile=$1 logfile=$2 pid
    shift 2
    printf '=== %s starting: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$logfile"
    # fd 9 is ops/stack's lock: a daemon must not keep it
    setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$pidfile"
}

# stop_pid NAME PID [TIMEOUT] [SIGNAL] — SIGNAL (default TERM), wait up to TIMEOUT seconds
# (default 20) for the process to exit, then SIGKILL and wait a little more. Returns 0 once gone.
stop_pid() {
    local name=$1 pid=$2 timeout=${3:-20} signal=${4:-TERM} waited=0
    pid_exists "$pid" || return 0
    kill -s "$signal" "$pid" 2>/dev/null || true
    while pid_exists "$pid" && [ "$waited" -lt $(( timeout * 10 )) ]; do
        sleep 0.1
        waited=$(( waited + 1 ))
    done
    if pid_exists "$pid"; then
        warn "$name (pid $pid) still running ${timeout}s after SIG$signal; sending SIGKILL"
        kill -s KILL "$pid" 2>/dev/null || true
        waited=0
        while pid_exists "$pid" && [ "$waited" -lt 50 ]; do
            sleep 0.1
            waited=$(( waited + 1 ))
        done
    fi
    ! pid_exists "$pid"
}

# Echoes PID and all its descendants, one a line (read from /proc, no procps needed).
process_tree() {
    local root=$1 f line rest pid ppid
    local -A children=()
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        pid=${line%% *}
        rest=${line##*) }          # fields after "(comm) ": state ppid ...
        ppid=${rest#* }
        ppid=${ppid%% *}
        children[$ppid]+="$pid "
    done
    local queue=("$root") current
    while [ "${#queue[@]}" -gt 0 ]; do
        current=${queue[0]}
        queue=("${queue[@]:1}")
        [ -d "/proc/$current" ] || continue
        printf '%s\n' "$current"
        # shellcheck disable=SC2206  # word splitting of the PID list is intended
        [ -n "${children[$current]:-}" ] && queue+=(${children[$current]})
    done
}

# Sum of PSS (KiB) over the given PIDs: shared pages are split between the processes sharing them,
# so PostgreSQL's shared buffers count once, not once per backend as a sum of VmRSS would.
rss_kib() {
    local pid total=0 kb
    for pid in "$@"; do
        kb=$(awk '/^Pss:/ {print $2; exit}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
        total=$(( total + ${kb:-0} ))
    done
    printf '%s\n' "$total"
}

# PSS (KiB) of a process and its descendants.
tree_rss_kib() {
    local pids
    mapfile -t pids < <(process_tree "$1")
    [ "${#pids[@]}" -gt 0 ] || { echo 0; return 0; }
    rss_kib "${pids[@]}"
}

# ---------------------------------------------------------------------------------------------
# Waiting
# ---------------------------------------------------------------------------------------------

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_until TIMEOUT PID LOGFILE WHAT COMMAND... — polls COMMAND until it succeeds.
# Dies with the log's tail when TIMEOUT passes or when PID (if not empty) exits meanwhile.
wait_until() {
    local timeout=$1 pid=$2 logfile=$3 what=$4 deadline
    shift 4
    deadline=$(( $(date +%s) + timeout ))
    until "$@" >/dev/null 2>&1; do
        if [ -n "$pid" ] && ! pid_exists "$pid"; then
            show_log_tail "$logfile"
            die "$what: process $pid exited before becoming healthy; see $logfile"
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            show_log_tail "$logfile"
            die "$what: not healthy after ${timeout}s; see $logfile"
        fi
        sleep 0.25
    done
}

# wait_for_port PORT TIMEOUT [PID] [LOGFILE]
wait_for_port() {
    wait_until "$2" "${3:-}" "${4:-/dev/null}" "127.0.0.1:$1" port_open "$1"
}

# True when GET URL answers 2xx within 2 seconds.
http_ok() {
    curl -fsS -o /dev/null --max-time 2 "$1"
}

# wait_for_http URL TIMEOUT [PID] [LOGFILE]
wait_for_http() {
    wait_until "$2" "${3:-}" "${4:-/dev/null}" "$1" http_ok "$1"
}

# ---------------------------------------------------------------------------------------------
# Files and packages
# ---------------------------------------------------------------------------------------------

# write_if_changed FILE — writes stdin to FILE; returns 0 when the content changed, 1 if not.
write_if_changed() {
    local file=$1 tmp
    tmp=$(mktemp "${file}.XXXXXX")
    cat >"$tmp"
    if [ -f "$file" ] && cmp -s "$tmp" "$file"; then
        rm -f "$tmp"
        return 1
    fi
    # keep the mode/owner of an existing file; new files get 0644
    if [ -f "$file" ]; then chmod --reference="$file" "$tmp"; chown --reference="$file" "$tmp"; else chmod 0644 "$tmp"; fi
    mv -f "$tmp" "$file"
    return 0
}

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

# service_jar_is_current ROOT: true when the service jar exists and no source is newer than it.
service_jar_is_current() {
    local root=$1 jar=$1/bootstrap/target/workflow-automation.jar
    [ -f "$jar" ] || return 1
    [ -z "$(cd "$root" && find pom.xml domain application adapters bootstrap -newer "$jar" \
        \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.sql' -o -name '*.properties' \) \
        -not -path '*/target/*' -print -quit)" ]
}
