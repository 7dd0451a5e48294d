# shellcheck shell=bash
# ops/stack: settings (defaults < environment < the running stack's saved state) and paths.
# Sourced by ops/stack after REPO_ROOT is set.

DEFAULT_SERVICE_JAR="$REPO_ROOT/bootstrap/target/workflow-automation.jar"
STACK_HOME=$(realpath -m "${STACK_HOME:-$REPO_ROOT/.stack}")
STATE_FILE="$STACK_HOME/state.env"
RUN_DIR="$STACK_HOME/run"
LOG_DIR="$STACK_HOME/logs"
# Generated once by `up` (mode 0600): the database password and the cursor secret (secrets.sh).
SECRETS_FILE="$STACK_HOME/secrets.env"
# The bootstrap admin API key, made once by `up` (mode 0600): what the tests and the benchmark send.
ADMIN_KEY_FILE="$STACK_HOME/admin.key"

DB_NAME=workflow
DB_USER=workflow
# Replaced by the generated password once $SECRETS_FILE exists (load_settings).
DB_PASSWORD=workflow
CURSOR_SECRET=

# Seconds `up` waits for each component to become healthy (while its process lives).
PG_TIMEOUT=${PG_TIMEOUT:-60}
PGBOUNCER_TIMEOUT=${PGBOUNCER_TIMEOUT:-20}
REDIS_TIMEOUT=${REDIS_TIMEOUT:-20}
KAFKA_TIMEOUT=${KAFKA_TIMEOUT:-120}
SERVICE_TIMEOUT=${SERVICE_TIMEOUT:-180}
NGINX_TIMEOUT=${NGINX_TIMEOUT:-20}
# Seconds one health probe may take before the component counts as slow: enough for a
# saturated 2-core machine to answer a ping, short enough for `status` to stay quick.
PROBE_TIMEOUT=${PROBE_TIMEOUT:-5}

# The settings saved with a running stack: what shapes it (not SERVICE_JAR/JAVA_OPTS, which only
# affect processes started next). WEBHOOK_ALLOW too: a replica restarted later (ops/faults, a
# rolling restart from another shell) must open the same webhook addresses as its peers.
STATE_SETTINGS=(TOPOLOGY AUTH PG_VERSION PG_CLUSTER PG_PORT PGBOUNCER_PORT REDIS_PORT KAFKA_PORT
    KAFKA_CONTROLLER_PORT KAFKA_PARTITIONS PGBOUNCER_POOL_MODE HTTP_PORT API_BASE_PORT API_REPLICAS WORKER_BASE_PORT WORKERS
    STACK_LISTEN_ADDRESS STACK_PEER_NETWORK WEBHOOK_ALLOW)

# The cluster that keeps its data in this checkout's $STACK_HOME/postgres, if one exists; else a
# name of this checkout's own, so two checkouts (a developer's, CI's clone) never share a cluster.
default_pg_cluster() {
    local conf datadir
    for conf in /etc/postgresql/"${PG_VERSION:-15}"/*/postgresql.conf; do
        [ -f "$conf" ] || continue
        datadir=$(sed -n "s/^data_directory *= *'\([^']*\)'.*/\1/p" "$conf")
        if [ "$datadir" = "$STACK_HOME/postgres" ]; then
            basename "$(dirname "$conf")"
            return 0
        fi
    done
    printf 'workflow_%s\n' "$(printf '%s' "$STACK_HOME" | cksum | cut -d' ' -f1)"
}

# load_settings [nostate] — defaults, overridden by the environment, overridden in turn by the
# settings of the stack that is up ($STATE_FILE) unless "nostate" is given.
load_settings() {
    PG_VERSION=${PG_VERSION:-15}
    PG_CLUSTER=${PG_CLUSTER:-$(default_pg_cluster)}
    PG_PORT=${PG_PORT:-5432}
    PGBOUNCER_PORT=${PGBOUNCER_PORT:-6432}
    # session: the services' statements stay prepared on PostgreSQL (each is parsed and planned once
    # per connection); transaction: fewer server connections, every statement parsed and planned anew
    PGBOUNCER_POOL_MODE=${PGBOUNCER_POOL_MODE:-session}
    REDIS_PORT=${REDIS_PORT:-6379}
    KAFKA_PORT=${KAFKA_PORT:-9092}
    KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
    KAFKA_PARTITIONS=${KAFKA_PARTITIONS:-3}
    KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
    HTTP_PORT=${HTTP_PORT:-8080}
    API_BASE_PORT=${API_BASE_PORT:-8081}
    API_REPLICAS=${API_REPLICAS:-3}
    WORKER_BASE_PORT=${WORKER_BASE_PORT:-9101}
    WORKERS=${WORKERS:-3}
    SERVICE_JAR=${SERVICE_JAR:-$DEFAULT_SERVICE_JAR}
    # on: API replicas and workers start from an ahead-of-time cache trained once per build (aot.sh)
    AOT_CACHE=${AOT_CACHE:-on}
    # Six JVMs share two cores with everything else: one GC thread each, and C1 only, whose
    # compilations cost a fraction of C2's (measured: ~25% more throughput at 1,000 users). C1 alone
    # gets a 48 MiB code cache, and once 15 % of it has been filled since the last unloading the JVM
    # runs a full GC to unload code: each JVM stopped for 0.3-1.1 s about 25-40 s after its start.
    # 240 MiB (what C2 gets; reserved, committed only as used) leaves that threshold out of reach.
    JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m}
    TOPOLOGY=${TOPOLOGY:-}
    # The infrastructure host of the hosts topology (ops/stack.d/hosts.sh): one more address its
    # PostgreSQL, PgBouncer, Redis and Kafka listen on (Kafka advertises it), and the network whose
    # clients PostgreSQL lets in. Empty: 127.0.0.1 only.
    STACK_LISTEN_ADDRESS=${STACK_LISTEN_ADDRESS:-}
    STACK_PEER_NETWORK=${STACK_PEER_NETWORK:-}
    # Webhooks reach public addresses only unless this opens others (the service's WEBHOOK_ALLOW).
    WEBHOOK_ALLOW=${WEBHOOK_ALLOW:-}
    # required: every API request needs a key; off: the seed's open API (the services' AUTH)
    AUTH=${AUTH:-required}
    # A running stack keeps the settings it was started with.
    if [ "${1:-}" != nostate ] && [ -r "$STATE_FILE" ]; then
        # shellcheck source=/dev/null
        . "$STATE_FILE"
    fi
    load_secrets
    check_settings
    case "$AUTH" in required | off) ;; *) die "AUTH must be required or off, got '$AUTH'" ;; esac
    case "$PGBOUNCER_POOL_MODE" in session | transaction) ;;
        *) die "PGBOUNCER_POOL_MODE must be session or transaction, got '$PGBOUNCER_POOL_MODE'" ;;
    esac
    PG_CONF_DIR="/etc/postgresql/$PG_VERSION/$PG_CLUSTER"
    PG_DATA="$STACK_HOME/postgres"
    KAFKA_DIR="$STACK_HOME/kafka"
}

check_settings() {
    local n
    for n in PG_PORT PGBOUNCER_PORT REDIS_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_PARTITIONS \
        HTTP_PORT API_BASE_PORT API_REPLICAS WORKER_BASE_PORT WORKERS PROBE_TIMEOUT; do
        case "${!n}" in '' | *[!0-9]*) die "$n must be a number, got '${!n}'" ;; esac
    done
    [ "$API_REPLICAS" -ge 1 ] || die "API_REPLICAS must be at least 1"
    [ "$WORKERS" -ge 1 ] || die "WORKERS must be at least 1"
    [ "$PROBE_TIMEOUT" -ge 1 ] || die "PROBE_TIMEOUT must be at least 1"
}

save_state() {
    local n
    {
        echo "# written by ops/stack up; removed by ops/stack down"
        for n in "${STATE_SETTINGS[@]}"; do
            printf '%s=%q\n' "$n" "${!n}"
        done
    } >"$STATE_FILE"
    printf '%s\n' "$TOPOLOGY" >"$STACK_HOME/topology"
}

# The topology recorded by the last `up` ("" when none).
recorded_topology() {
    if [ -r "$STACK_HOME/topology" ]; then cat "$STACK_HOME/topology"; fi
}

# listen_addresses SEPARATOR — 127.0.0.1, and $STACK_LISTEN_ADDRESS when it is set.
listen_addresses() {
    printf '127.0.0.1%s\n' "${STACK_LISTEN_ADDRESS:+$1$STACK_LISTEN_ADDRESS}"
}
