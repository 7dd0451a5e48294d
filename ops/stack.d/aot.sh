# shellcheck shell=bash
# ops/stack: the service's ahead-of-time cache (JDK 25, -XX:AOTCache). One training run of the
# service jar records which classes it loads and how its methods behave; every API replica and
# worker then starts from that cache: ready in about half the time, and warm sooner. A new build
# trains anew. The JVM refuses a cache made from another service jar, but not one whose jars in
# libs/ (the manifest's Class-Path) changed since: measured, it then served the classes of the old
# adapter jar from the cache. So the stamp covers every jar of the class path.

aot_cache() { echo "$STACK_HOME/aot/service.aot"; }

# What the cache was made from: the path, size and modification time of the service jar and of each
# jar in libs/ beside it, and the JVM options (a cache made under other options, another GC say, is
# refused by the JVM).
aot_stamp() {
    local jars=("$SERVICE_JAR")
    [ -d "$(dirname "$SERVICE_JAR")/libs" ] && jars+=("$(dirname "$SERVICE_JAR")"/libs/*.jar)
    printf '%s %s\n' "$(stat -c '%n %s %Y' "${jars[@]}" | cksum | cut -d' ' -f1)" "$JAVA_OPTS"
}

aot_is_current() {
    [ -s "$(aot_cache)" ] && [ "$(cat "$(aot_cache).stamp" 2>/dev/null)" = "$(aot_stamp)" ]
}

# The JVM option that starts a service from the cache; nothing when there is none (or AOT_CACHE=off).
aot_option() {
    [ "$AOT_CACHE" = on ] && aot_is_current && echo "-XX:AOTCache=$(aot_cache)"
    return 0
}

# ensure_aot_cache — trains when the cache is missing or of another jar, and no service runs (the
# training process joins the workers' consumer group, which must not rebalance under live workers).
ensure_aot_cache() {
    local c
    [ "$AOT_CACHE" = on ] && ! aot_is_current || return 0
    for c in $(started_components); do
        case "$c" in api-* | worker-*) ! component_pid "$c" >/dev/null || return 0 ;; esac
    done
    step_start aot-cache
    if aot_train >>"$(component_log aot-cache)" 2>&1; then
        aot_stamp >"$(aot_cache).stamp"
        step_done "trained ($(( $(stat -c %s "$(aot_cache)") / 1048576 )) MiB)"
    else
        rm -f "$(aot_cache)" "$(aot_cache).stamp"
        step_done "training failed, services start without it (see $(component_log aot-cache))"
    fi
}

# aot_train — the service in role all on a spare port, a few dozen flows of the seed's requests
# through it, then a stop: the JVM writes the cache as it exits.
aot_train() {
    local port=$(( API_BASE_PORT + 99 )) command_line pid
    port_must_be_free aot-cache "$port" API_BASE_PORT
    install -d -m 0755 "$STACK_HOME/aot"
    rm -f "$(aot_cache)"
    mapfile -t command_line < <(service_command all "$port" "-XX:AOTCacheOutput=$(aot_cache)")
    echo "=== $(date -u +%FT%TZ) training on port $port"
    "${command_line[@]}" </dev/null 9>&- &
    pid=$!
    if wait_for_health "$port" "$pid" "$SERVICE_TIMEOUT"; then
        aot_workload "http://127.0.0.1:$port" 40 || echo "the training workload failed; the cache covers less"
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
    [ -s "$(aot_cache)" ]
}

wait_for_health() { # wait_for_health PORT PID SECONDS — until /health answers, while PID lives
    local deadline=$(( SECONDS + $3 ))
    while pid_exists "$2" && [ "$SECONDS" -lt "$deadline" ]; do
        curl -sf -m 2 -o /dev/null "http://127.0.0.1:$1/health" && return 0
        sleep 0.3
    done
    return 1
}

# aot_workload URL FLOWS — FLOWS times: create a workflow, read it, trigger a run, read the run,
# list runs; then waits (bounded) for the last run, so the worker's path is recorded too.
aot_workload() {
    local base=$1 flows=$2 i workflow run json='Content-Type: application/json' auth=()
    # with AUTH=required the training sends the bootstrap key, so the cache covers authentication too
    [ ! -s "$ADMIN_KEY_FILE" ] || auth=(-H "Authorization: Bearer $(<"$ADMIN_KEY_FILE")")
    for ((i = 0; i < flows; i++)); do
        workflow=$(curl -sf -m 10 "${auth[@]}" -H "$json" "$base/api/v1/workflows" \
            -d '{"name":"aot","steps":[{"name":"w","type":"delay","config":{"duration":0.01}}]}' |
            sed -n 's/.*"workflow_id":"\([^"]*\)".*/\1/p')
        [ -n "$workflow" ] && curl -sf -m 10 "${auth[@]}" -o /dev/null "$base/api/v1/workflows/$workflow" || return 1
        run=$(curl -sf -m 10 "${auth[@]}" -H "$json" "$base/api/v1/trigger" -d "{\"workflow_id\":\"$workflow\",\"payload\":{\"n\":$i}}" |
            sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p')
        [ -n "$run" ] && curl -sf -m 10 "${auth[@]}" -o /dev/null "$base/api/v1/runs/$run" || return 1
        curl -sf -m 10 "${auth[@]}" -o /dev/null "$base/api/v1/runs?limit=50" || return 1
    done
    for ((i = 0; i < 50; i++)); do
        curl -sf -m 10 "${auth[@]}" "$base/api/v1/runs/$run" | grep -q '"status":"success"' && return 0
        sleep 0.2
    done
    return 1
}
