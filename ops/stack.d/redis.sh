# shellcheck shell=bash
# ops/stack: Redis, a cache only (no persistence); its settings from ops/redis/redis.conf.template.

# redis_probe PORT — PING answered with PONG (self-contained: run by `bounded`).
redis_probe() {
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping)" = PONG ]
}

up_redis() {
    local dir="$STACK_HOME/redis" log pidfile pid
    log=$(component_log redis)
    pidfile=$(component_pidfile redis)
    install -d -m 0750 "$dir"
    config_from_template "$REPO_ROOT/ops/redis/redis.conf.template" "$dir/redis.conf" \
        REDIS_PORT="$REDIS_PORT" PID_FILE="$pidfile" LOG_FILE="$log" DIR="$dir" || true
    if pid=$(component_pid redis); then
        already_running redis "$pid"
        return 0
    fi
    step_start redis
    port_must_be_free redis "$REDIS_PORT" REDIS_PORT
    rm -f "$pidfile"
    redis-server "$dir/redis.conf" </dev/null >>"$log" 2>&1 9>&- || {
        show_log_tail "$log"
        die "redis: did not start; see $log"
    }
    wait_until 10 "" "$log" "redis pidfile" test -s "$pidfile"
    pid=$(pid_from_file "$pidfile")
    wait_ready redis "$pid"
    step_done "ready on 127.0.0.1:$REDIS_PORT"
}
