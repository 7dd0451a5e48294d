# shellcheck shell=bash
# Processes of the ops scripts: pidfiles, liveness, detached starts, stops, process trees, memory.
# Source it; it defines functions only. A "pidfile" holds one PID.

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

# running_pid PIDFILE [PATTERN] — echoes the PID from PIDFILE when that process is alive (and matches PATTERN).
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

# wait_gone PID TENTHS — true once PID is gone, polling every 0.1 s at most TENTHS times.
wait_gone() {
    local pid=$1 tenths=$2 waited=0
    while pid_exists "$pid" && [ "$waited" -lt "$tenths" ]; do
        sleep 0.1
        waited=$(( waited + 1 ))
    done
    ! pid_exists "$pid"
}

# stop_pid NAME PID [TIMEOUT] [SIGNAL] — SIGNAL (default TERM), wait up to TIMEOUT seconds
# (default 20) for the process to exit, then SIGKILL and wait a little more. Returns 0 once gone.
stop_pid() {
    local name=$1 pid=$2 timeout=${3:-20} signal=${4:-TERM}
    pid_exists "$pid" || return 0
    kill -s "$signal" "$pid" 2>/dev/null || true
    wait_gone "$pid" $(( timeout * 10 )) && return 0
    printf 'warning: %s (pid %s) still running %ss after SIG%s; sending SIGKILL\n' "$name" "$pid" "$timeout" "$signal" >&2
    kill -s KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 50
}

# Echoes PID and all its descendants, one a line (read from /proc, no procps needed).
process_tree() {
    local root=$1 f line rest pid ppid
    local -A children=()
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        pid=${line%% *}
        rest=${line##*) } # fields after "(comm) ": state ppid ...
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

# CPU ticks (1/100 s) of a process and its descendants: utime + stime of each, and cutime + cstime, what
# its children that have ended spent (a PostgreSQL backend ends with its connection).
tree_ticks() {
    local pid total=0 line rest
    local -a fields
    for pid in $(process_tree "$1"); do
        read -r line 2>/dev/null <"/proc/$pid/stat" || continue
        rest=${line##*) }
        read -r -a fields <<<"$rest"
        total=$(( total + fields[11] + fields[12] + fields[13] + fields[14] ))
    done
    printf '%s\n' "$total"
}
