# shellcheck shell=bash
# ops/stack: Kafka — one KRaft node that is broker and controller, from the Maven Central jars
# (ops/kafka/pom.xml); its settings from ops/kafka/server.properties.template. The topics are
# the migrate step's (ops/stack.d/service.sh), or the tests' own in the infra topology.

# kafka_probe PORT — a live broker answers an ApiVersions request (v0) with our correlation id.
# Plain bash over /dev/tcp, no JVM; self-contained: run by `bounded`.
kafka_probe() {
    local id reply
    id=$(printf '%08x' $(( (RANDOM << 16 | RANDOM) & 0x7fffffff )))
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    # int32 size 15 | int16 api_key 18 (ApiVersions) | int16 api_version 0 | int32 correlation id
    # | int16 client id length 5 | "probe"
    printf '%b' "\x00\x00\x00\x0f\x00\x12\x00\x00\x${id:0:2}\x${id:2:2}\x${id:4:2}\x${id:6:2}\x00\x05probe" >&3
    # the reply starts with int32 size | int32 correlation id
    reply=$(od -An -tx1 -N8 <&3 | tr -d ' \n')
    exec 3<&-
    [ "${reply:8:8}" = "$id" ] || { echo "reply '${reply}' lacks correlation id $id"; return 1; }
}

kafka_setup_log() {
    echo "$LOG_DIR/kafka-setup.log"
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
        DATA_DIR="$KAFKA_DIR/data" KAFKA_PARTITIONS="$KAFKA_PARTITIONS" \
        KAFKA_LISTEN_HOST="$([ -n "$STACK_LISTEN_ADDRESS" ] && echo 0.0.0.0 || echo 127.0.0.1)" \
        KAFKA_ADVERTISED_HOST="${STACK_LISTEN_ADDRESS:-127.0.0.1}" || true
    kafka_format
}

up_kafka() {
    local pid heap
    if pid=$(component_pid kafka); then
        already_running kafka "$pid"
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
    wait_ready kafka "$(pid_from_file "$(component_pidfile kafka)")"
    step_done "ready on 127.0.0.1:$KAFKA_PORT"
}
