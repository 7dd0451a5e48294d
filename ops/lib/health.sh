# shellcheck shell=bash
# Network probes for the ops scripts, each bounded in time. Source it; it defines functions only.
# Every address is 127.0.0.1. A probe answers 0 (healthy), 124 (no answer in time) or another
# status (an answer, but a bad one).

# bounded SECONDS COMMAND... — runs COMMAND (a program, or a function that calls no other
# function of the script) and kills it with its children after SECONDS; status 124 then.
bounded() {
    local seconds=$1
    shift
    if declare -F "$1" >/dev/null; then
        # shellcheck disable=SC2016  # "$@" expands in the child shell
        timeout -k 2 "$seconds" bash -c "$(declare -f "$1")"'; "$@"' bounded "$@"
    else
        timeout -k 2 "$seconds" "$@"
    fi
}

# port_open PORT — true when something accepts TCP connections on 127.0.0.1:PORT.
# (Unbounded: a listener whose backlog is full lets the connection hang; use it under `bounded`.)
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# http_ok URL — true when GET URL answers 2xx (unbounded: use it under `bounded`).
http_ok() {
    curl -fsS -o /dev/null "$1"
}

# probe_state SECONDS PORT WHAT COMMAND... — what the health check WHAT (run as COMMAND) of a
# process listening on PORT finds: sets PROBE_STATE to ok, slow (the port or the probe did not
# answer within SECONDS), failing (the probe answered, but not healthy) or down (the port refuses
# connections), and PROBE_DETAIL to why. Returns 0 only for ok.
probe_state() {
    local seconds=$1 port=$2 what=$3 rc=0 out
    shift 3
    PROBE_DETAIL=""
    bounded "$seconds" port_open "$port" || rc=$?
    case "$rc" in
        0) ;;
        124) PROBE_STATE=slow PROBE_DETAIL="127.0.0.1:$port accepted no connection within ${seconds}s"; return 1 ;;
        *) PROBE_STATE=down PROBE_DETAIL="127.0.0.1:$port refuses connections"; return 1 ;;
    esac
    out=$(bounded "$seconds" "$@" 2>&1) || rc=$?
    out=${out%%$'\n'*}
    case "$rc" in
        0) PROBE_STATE=ok ;;
        124) PROBE_STATE=slow PROBE_DETAIL="$what: no answer within ${seconds}s" ;;
        *) PROBE_STATE=failing PROBE_DETAIL="$what: failed (status $rc${out:+: $out})" ;;
    esac
    [ "$PROBE_STATE" = ok ]
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
            die "$what: process $pid exited; see $logfile"
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            show_log_tail "$logfile"
            die "$what: not there after ${timeout}s; see $logfile"
        fi
        sleep 0.25
    done
}
