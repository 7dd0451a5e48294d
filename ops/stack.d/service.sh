# shellcheck shell=bash
# ops/stack: the service's processes from $SERVICE_JAR — the migrate step (ROLE=migrate: the
# Flyway migrations and the Kafka topics, then exit), API replicas and workers.

ensure_service_jar() {
    if [ "$SERVICE_JAR" != "$DEFAULT_SERVICE_JAR" ]; then
        [ -f "$SERVICE_JAR" ] || die "SERVICE_JAR $SERVICE_JAR does not exist"
        return 0
    fi
    service_jar_is_current "$REPO_ROOT" && return 0
    step_start build
    (cd "$REPO_ROOT" && ./mvnw -q -B -DskipTests package -pl bootstrap -am) >>"$LOG_DIR/build.log" 2>&1 || {
        show_log_tail "$LOG_DIR/build.log"
        die "build: ./mvnw -DskipTests package failed; see $LOG_DIR/build.log"
    }
    [ -f "$SERVICE_JAR" ] || die "build: the build passed but $SERVICE_JAR is missing; see $LOG_DIR/build.log"
    step_done "built ${SERVICE_JAR#"$REPO_ROOT"/}"
}

# service_env ROLE PORT — the environment of a service process (API replica, worker, migration).
service_env() {
    # STACK_INFRA_ADDRESS: where PostgreSQL, PgBouncer, Kafka and Redis are (the hosts topology's infra host)
    local pg_port=$PGBOUNCER_PORT prepared=true redis=true infra=${STACK_INFRA_ADDRESS:-127.0.0.1}
    [ "$PGBOUNCER_POOL_MODE" = session ] || prepared=false
    if [ "$TOPOLOGY" = single ]; then
        pg_port=$PG_PORT prepared=true redis=false
    fi
    printf '%s\n' ROLE="$1" MODE=stack SERVER_PORT="$2" \
        POSTGRES_HOST="$infra" POSTGRES_PORT="$pg_port" POSTGRES_DB="$DB_NAME" \
        POSTGRES_USER="$DB_USER" POSTGRES_PASSWORD="$DB_PASSWORD" POSTGRES_PREPARED_STATEMENTS="$prepared" \
        POSTGRES_DIRECT_HOST="$infra" POSTGRES_DIRECT_PORT="$PG_PORT" \
        KAFKA_BOOTSTRAP_SERVERS="$infra:$KAFKA_PORT" KAFKA_CONSUMER_GROUP=workflow-workers \
        KAFKA_TRIGGER_PARTITIONS="$KAFKA_PARTITIONS" \
        REDIS_ENABLED="$redis" REDIS_HOST="$infra" REDIS_PORT="$REDIS_PORT" \
        CURSOR_SECRET="$CURSOR_SECRET" AUTH="$AUTH" \
        WEBHOOK_ALLOW="$WEBHOOK_ALLOW" JAVA_HOME="$JAVA_HOME"
}

# service_command ROLE PORT [JVM-OPTION...] — the command line of a service process, one word a
# line (read it with mapfile): its environment, the JVM with $JAVA_OPTS and the options given, the jar.
service_command() {
    local role=$1 port=$2 opts
    shift 2
    read -r -a opts <<<"$JAVA_OPTS"
    printf '%s\n' env
    service_env "$role" "$port"
    printf '%s\n' "$JAVA_HOME/bin/java" "${opts[@]}" "$@" -jar "$SERVICE_JAR"
}

# start_service NAME — starts one API replica or worker in the background (no waiting).
start_service() {
    local name=$1 role port aot command_line var=WORKER_BASE_PORT
    role=${name%-*}
    port=$(component_port "$name")
    [ "$role" = worker ] || var=$([ "$TOPOLOGY" = single ] && echo HTTP_PORT || echo API_BASE_PORT)
    port_must_be_free "$name" "$port" "$var"
    mapfile -t aot < <(aot_option)
    mapfile -t command_line < <(service_command "$role" "$port" "${aot[@]}" "-Dworkflow.stack.name=$name")
    start_bg "$(component_pidfile "$name")" "$(component_log "$name")" "${command_line[@]}"
}

# migrate — the schema and the Kafka topics, once per `up`, before any service starts.
migrate() {
    local command_line log
    log=$(component_log migrate)
    step_start migrate
    mapfile -t command_line < <(service_command migrate 0)
    echo "=== $(date -u +%FT%TZ) migrate" >>"$log"
    timeout "$SERVICE_TIMEOUT" "${command_line[@]}" </dev/null >>"$log" 2>&1 9>&- || {
        show_log_tail "$log"
        die "migrate: the schema or the topics could not be brought up to date; see $log"
    }
    step_done "schema and topics up to date"
}

# ensure_admin_key — the bootstrap admin key (tenant "default"), once: the `keys create` command of
# the service's jar writes it to $ADMIN_KEY_FILE (mode 0600); later `up`s keep the file.
ensure_admin_key() {
    local command_line log
    [ -s "$ADMIN_KEY_FILE" ] && return 0
    log=$(component_log migrate)
    step_start admin-key
    mapfile -t command_line < <(service_command migrate 0)
    command_line+=(keys create --tenant default --scopes admin --name bootstrap-admin --key-file "$ADMIN_KEY_FILE")
    echo "=== $(date -u +%FT%TZ) bootstrap admin key" >>"$log"
    timeout "$SERVICE_TIMEOUT" "${command_line[@]}" </dev/null >>"$log" 2>&1 9>&- || {
        rm -f "$ADMIN_KEY_FILE"
        show_log_tail "$log"
        die "admin-key: the bootstrap admin key could not be created; see $log"
    }
    step_done "admin key in $ADMIN_KEY_FILE"
}

# up_services NAME... — starts those not running together, then waits for each.
up_services() {
    local name pid pending=() t0
    for name in "$@"; do
        if pid=$(component_pid "$name"); then
            already_running "$name" "$pid"
        else
            pending+=("$name")
        fi
    done
    [ "${#pending[@]}" -gt 0 ] || return 0
    t0=$(now_ms)
    for name in "${pending[@]}"; do start_service "$name"; done
    for name in "${pending[@]}"; do
        step_start "$name"
        _STEP_T0=$t0
        wait_ready "$name" "$(pid_from_file "$(component_pidfile "$name")")"
        step_done "ready on 127.0.0.1:$(component_port "$name")"
    done
}
