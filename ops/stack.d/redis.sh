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
        REDIS_PORT="$REDIS_PORT" PID_FILE="$pidfile" LOG_FILE="$log" DIR="$dir" \
        REDIS_BIND="$(listen_addresses " ")" REDIS_PROTECTED_MODE="$([ -n "$STACK_LISTEN_ADDRESS" ] && echo no || echo yes)" || true
    if pid=$(component_pid redis); then
        already_running redis "$pid"
        return 0
    fi
    start_daemon redis REDIS_PORT redis-server "$dir/redis.conf"
}
