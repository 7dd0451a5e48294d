# shellcheck shell=bash
# Waiting for ports and health checks, for the ops scripts. Source it after output.sh and
# processes.sh; it defines functions only. Every address is 127.0.0.1.

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

# True when GET URL answers 2xx within 2 seconds.
http_ok() {
    curl -fsS -o /dev/null --max-time 2 "$1"
}
