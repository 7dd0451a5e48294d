# shellcheck shell=bash
# ops/stack: the component registry — names, ports, pidfiles, logs, health probes — and the
# checks and waits every component shares. Each component's own work is in its file here.

# Groups of components (`ops/stack pids GROUP`), in start order.
COMPONENT_GROUPS=(postgres pgbouncer redis kafka api worker nginx)

# Component names of a topology, in start order.
components() {
    local i
    case "$1" in
        full)
            printf '%s\n' postgres pgbouncer redis kafka
            for ((i = 1; i <= API_REPLICAS; i++)); do echo "api-$i"; done
            for ((i = 1; i <= WORKERS; i++)); do echo "worker-$i"; done
            echo nginx
            ;;
        single) printf '%s\n' postgres kafka api-1 worker-1 ;;
        infra) printf '%s\n' postgres pgbouncer redis kafka ;;
        # the app hosts' processes and nginx; the infra host is a stack of its own (hosts.sh)
        hosts) printf '%s\n' api-1 api-2 api-3 worker-1 worker-2 worker-3 nginx ;;
        *) die "unknown topology '$1' (full, single or infra)" ;;
    esac
}

# Components that have a pidfile (i.e. `up` started them at some point), in start order.
started_components() {
    local f name
    printf '%s\n' postgres pgbouncer redis kafka
    for f in "$RUN_DIR"/api-*.pid; do [ -e "$f" ] && { name=${f##*/}; echo "${name%.pid}"; }; done | sort -t- -k2n
    for f in "$RUN_DIR"/worker-*.pid; do [ -e "$f" ] && { name=${f##*/}; echo "${name%.pid}"; }; done | sort -t- -k2n
    echo nginx
}

# The components of TOPOLOGY (full when none) plus any other that has a pidfile (e.g. replicas
# from an earlier, larger setting), each once, in start order.
known_components() {
    local group c all=()
    mapfile -t all < <(components "${1:-full}")
    for c in $(started_components); do
        case " ${all[*]} " in *" $c "*) ;; *) [ -e "$(component_pidfile "$c")" ] && all+=("$c") ;; esac
    done
    for group in "${COMPONENT_GROUPS[@]}"; do
        for c in "${all[@]}"; do
            case "$c" in "$group" | "$group"-[0-9]*) echo "$c" ;; esac
        done
    done
}

component_group() {
    case "$1" in api-*) echo api ;; worker-*) echo worker ;; *) echo "$1" ;; esac
}

component_port() {
    case "$1" in
        postgres) echo "$PG_PORT" ;;
        pgbouncer) echo "$PGBOUNCER_PORT" ;;
        redis) echo "$REDIS_PORT" ;;
        kafka) echo "$KAFKA_PORT" ;;
        nginx) echo "$HTTP_PORT" ;;
        api-*) if [ "$TOPOLOGY" = single ]; then echo "$HTTP_PORT"; else echo $(( API_BASE_PORT + ${1#api-} - 1 )); fi ;;
        worker-*) echo $(( WORKER_BASE_PORT + ${1#worker-} - 1 )) ;;
    esac
}

component_log() {
    echo "$LOG_DIR/$1.log"
}

component_pidfile() {
    case "$1" in
        postgres) echo "$PG_DATA/postmaster.pid" ;;
        pgbouncer) echo "$STACK_HOME/pgbouncer/pgbouncer.pid" ;;
        *) echo "$RUN_DIR/$1.pid" ;;
    esac
}

# What the command line of a component's process must contain (a recycled PID never matches).
component_pattern() {
    case "$1" in
        postgres) echo "$PG_DATA" ;;
        pgbouncer) echo "$STACK_HOME/pgbouncer/pgbouncer.ini" ;;
        redis) echo "redis-server 127.0.0.1:$REDIS_PORT" ;;
        nginx) echo "$STACK_HOME/nginx/nginx.conf" ;;
        *) echo "-Dworkflow.stack.name=$1 " ;;
    esac
}

# Echoes the PID of a component when it runs.
component_pid() {
    running_pid "$(component_pidfile "$1")" "$(component_pattern "$1")"
}

# Seconds `up` waits for a component to become healthy.
component_timeout() {
    case "$1" in
        postgres) echo "$PG_TIMEOUT" ;;
        pgbouncer) echo "$PGBOUNCER_TIMEOUT" ;;
        redis) echo "$REDIS_TIMEOUT" ;;
        kafka) echo "$KAFKA_TIMEOUT" ;;
        nginx) echo "$NGINX_TIMEOUT" ;;
        *) echo "$SERVICE_TIMEOUT" ;;
    esac
}

# component_probe NAME — sets PROBE_WHAT (a description) and PROBE (the command) of the
# component's health probe; the probes live in the components' files.
component_probe() {
    local port
    port=$(component_port "$1")
    case "$1" in
        postgres) PROBE_WHAT="pg_isready" PROBE=(pg_isready -q -h 127.0.0.1 -p "$port" -t 0) ;;
        pgbouncer) PROBE_WHAT="SELECT 1 through PgBouncer" PROBE=(pgbouncer_probe "$port" "$DB_USER" "$DB_PASSWORD" "$DB_NAME") ;;
        redis) PROBE_WHAT="PING" PROBE=(redis_probe "$port") ;;
        kafka) PROBE_WHAT="ApiVersions request" PROBE=(kafka_probe "$port") ;;
        *) PROBE_WHAT="GET /health" PROBE=(http_ok "http://127.0.0.1:$port/health") ;;
    esac
}

# check_component NAME — sets HEALTH to ok, slow (alive, but the port or the probe did not answer
# within $PROBE_TIMEOUT), failing (the probe answered: not healthy) or down (no process, or its
# port refuses connections), and HEALTH_DETAIL to why. Returns 0 only for ok.
check_component() {
    local name=$1
    HEALTH_DETAIL=""
    if ! component_pid "$name" >/dev/null; then
        HEALTH=down HEALTH_DETAIL="its process is not running"
        return 1
    fi
    component_probe "$name"
    probe_state "$PROBE_TIMEOUT" "$(component_port "$name")" "$PROBE_WHAT" "${PROBE[@]}" || true
    HEALTH=$PROBE_STATE HEALTH_DETAIL=$PROBE_DETAIL
    [ "$HEALTH" = ok ]
}

# wait_ready NAME PID — until NAME is healthy. Keeps waiting while PID lives, up to the
# component's timeout; dies with the reason and the log's tail when PID exits or time runs out.
wait_ready() {
    local name=$1 pid=$2 timeout log deadline
    timeout=$(component_timeout "$name")
    log=$(component_log "$name")
    deadline=$(( $(date +%s) + timeout ))
    until check_component "$name"; do
        if ! pid_exists "$pid"; then
            show_log_tail "$log"
            die "$name: process $pid exited before it was ready; see $log"
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            show_log_tail "$log"
            die "$name: not ready after ${timeout}s although process $pid runs (last check: $HEALTH, $HEALTH_DETAIL); see $log"
        fi
        sleep 0.5
    done
}

any_running() {
    local c
    for c in $(started_components); do
        component_pid "$c" >/dev/null 2>&1 && return 0
    done
    return 1
}

# Leaves a line for a component that already runs; waits for its health first if need be.
already_running() {
    local name=$1 pid=$2 port
    port=$(component_port "$name")
    if check_component "$name"; then
        step_note "$name" "already running (pid $pid) on 127.0.0.1:$port"
        return 0
    fi
    step_start "$name"
    wait_ready "$name" "$pid"
    step_done "ready on 127.0.0.1:$port (pid $pid, was already running)"
}

port_must_be_free() { # port_must_be_free NAME PORT VARIABLE
    if bounded "$PROBE_TIMEOUT" port_open "$2"; then
        die "$1: 127.0.0.1:$2 is already in use by a process ops/stack did not start; stop it or set $3"
    fi
}

# start_daemon NAME PORT-VARIABLE COMMAND... — starts a component that forks into the background and
# writes its own pidfile (PgBouncer, Redis), then waits for its health. Its port must be free.
start_daemon() {
    local name=$1 variable=$2 pidfile log pid
    shift 2
    pidfile=$(component_pidfile "$name")
    log=$(component_log "$name")
    step_start "$name"
    port_must_be_free "$name" "${!variable}" "$variable"
    rm -f "$pidfile"
    "$@" </dev/null >>"$log" 2>&1 9>&- || {
        show_log_tail "$log"
        die "$name: did not start; see $log"
    }
    wait_until 10 "" "$log" "$name pidfile" test -s "$pidfile"
    pid=$(pid_from_file "$pidfile")
    wait_ready "$name" "$pid"
    step_done "ready on 127.0.0.1:${!variable}"
}
