# shellcheck shell=bash
# ops/stack: Kafka — one KRaft node that is broker and controller, from the Maven Central jars
# (ops/kafka/pom.xml); its settings from ops/kafka/server.properties.template.

KAFKA_TOPICS=(workflow.trigger workflow.completed workflow.trigger.dlq)
KAFKA_TOPIC_LIST=""

kafka_setup_log() {
    echo "$LOG_DIR/kafka-setup.log"
}

# kafka_tool CLASS ARGS... — runs a Kafka admin tool against the local broker (bounded in time).
kafka_tool() {
    local class=$1
    shift
    printf '=== %s %s %s\n' "$(date -u +%H:%M:%S.%3N)" "${class##*.}" "$*" >>"$(kafka_setup_log)"
    timeout 60 "$JAVA_HOME/bin/java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -Dlog4j2.configurationFile="$REPO_ROOT/ops/kafka/log4j2.yaml" \
        -Dkafka.log.level=WARN -Dkafka.log.target=SYSTEM_ERR \
        -cp "$KAFKA_DIR/libs/*" "$class" --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
        --command-config "$KAFKA_DIR/admin.properties" "$@" 2>>"$(kafka_setup_log)"
}

kafka_libs() {
    local libs="$KAFKA_DIR/libs"
    [ -d "$libs" ] && return 0
    rm -rf "$libs.tmp"
    (cd "$REPO_ROOT" && ./mvnw -q -B -f ops/kafka/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$libs.tmp") >>"$(kafka_setup_log)" 2>&1 || {
        show_log_tail "$(kafka_setup_log)"
        die "kafka: copying the broker's jars from Maven failed; see $(kafka_setup_log)"
    }
    mv "$libs.tmp" "$libs"
}

# Storage is formatted once, with a cluster id of its own (--standalone: a one-voter dynamic quorum).
kafka_format() {
    local cluster_id="-"
    [ ! -f "$KAFKA_DIR/data/meta.properties" ] || return 0
    # what `kafka-storage random-uuid` prints: 16 random bytes, URL-safe base64, no padding, no leading '-'
    while [ "${cluster_id:0:1}" = - ]; do
        cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    done
    "$JAVA_HOME/bin/java" -cp "$KAFKA_DIR/libs/*" -Dlog4j2.configurationFile="$REPO_ROOT/ops/kafka/log4j2.yaml" \
        -Dkafka.log.level=WARN -Dkafka.log.target=SYSTEM_ERR kafka.tools.StorageTool format \
        --cluster-id "$cluster_id" --config "$KAFKA_DIR/server.properties" --standalone \
        >>"$(kafka_setup_log)" 2>&1 || {
        show_log_tail "$(kafka_setup_log)"
        die "kafka: formatting the storage failed; see $(kafka_setup_log)"
    }
}

kafka_config() {
    install -d -m 0750 "$KAFKA_DIR" "$KAFKA_DIR/data"
    config_from_template "$REPO_ROOT/ops/kafka/server.properties.template" "$KAFKA_DIR/server.properties" \
        KAFKA_PORT="$KAFKA_PORT" KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" \
        DATA_DIR="$KAFKA_DIR/data" KAFKA_PARTITIONS="$KAFKA_PARTITIONS" || true
    # the admin tools' client settings
    printf '%s\n' request.timeout.ms=5000 default.api.timeout.ms=10000 | write_if_changed "$KAFKA_DIR/admin.properties" || true
    kafka_format
}

# Creates the missing topics (after a health check, which left the listing in KAFKA_TOPIC_LIST).
# The tool takes one topic per run: the JVMs run side by side.
kafka_topics() {
    local topic i created=() pids=()
    for topic in "${KAFKA_TOPICS[@]}"; do
        grep -qxF "$topic" <<<"$KAFKA_TOPIC_LIST" && continue
        kafka_tool org.apache.kafka.tools.TopicCommand --create --if-not-exists --topic "$topic" \
            --partitions "$KAFKA_PARTITIONS" --replication-factor 1 >>"$(kafka_setup_log)" &
        pids+=("$!")
        created+=("$topic")
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || die "kafka: creating topic ${created[$i]} failed; see $(kafka_setup_log)"
    done
    [ "${#created[@]}" -eq 0 ] || printf 'created topics %s; ' "${created[*]}"
}

up_kafka() {
    local pid heap topics
    if pid=$(component_pid kafka); then
        already_running kafka "$pid"
        topics=$(kafka_topics)
        [ -z "$topics" ] || step_note kafka "${topics%; }"
        return 0
    fi
    step_start kafka
    port_must_be_free kafka "$KAFKA_PORT" KAFKA_PORT
    port_must_be_free kafka "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
    kafka_libs
    kafka_config
    read -r -a heap <<<"$KAFKA_HEAP_OPTS"
    start_bg "$(component_pidfile kafka)" "$(component_log kafka)" \
        "$JAVA_HOME/bin/java" "${heap[@]}" -Dworkflow.stack.name=kafka \
        -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExitOnOutOfMemoryError \
        -Djava.awt.headless=true -Dlog4j2.configurationFile="$REPO_ROOT/ops/kafka/log4j2.yaml" \
        -cp "$KAFKA_DIR/libs/*" kafka.Kafka "$KAFKA_DIR/server.properties"
    pid=$(pid_from_file "$(component_pidfile kafka)")
    wait_for_port "$KAFKA_PORT" "$KAFKA_TIMEOUT" "$pid" "$(component_log kafka)"
    wait_ready kafka "$pid"
    topics=$(kafka_topics)
    step_done "${topics}ready on 127.0.0.1:$KAFKA_PORT"
}
