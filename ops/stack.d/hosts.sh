# shellcheck shell=bash
# ops/stack: the hosts topology — a multi-host rehearsal on one machine. Four "hosts" are Linux
# network namespaces joined by a bridge, each with an address of its own on $HOSTS_SUBNET:
#   <prefix>-infra  .2        PostgreSQL, PgBouncer, Redis, Kafka: an `ops/stack up infra` of its own
#                             (STACK_HOME $STACK_HOME/infra) run inside the namespace, listening on
#                             127.0.0.1 and .2, Kafka advertising .2
#   <prefix>-app1…3 .11–.13   API replica api-N on $API_BASE_PORT and worker worker-N on
#                             $WORKER_BASE_PORT, configured with the infra host's address
# The bridge's own address (.1) is the root namespace's: nginx runs there on 127.0.0.1:$HTTP_PORT,
# balancing over the three app hosts' addresses. Nothing reaches another host through 127.0.0.1.
#   ops/stack host cut N      kills host N's processes (SIGKILL) and cuts its link
#   ops/stack host rejoin N   restores the link and starts its processes again
# Names carry $HOSTS_PREFIX (from STACK_HOME's checksum), so two checkouts never share one.

HOSTS_FILE_NAME=hosts.env

hosts_defaults() {
    local sum
    sum=$(printf '%s' "$STACK_HOME" | cksum | cut -d' ' -f1)
    HOSTS_PREFIX=${HOSTS_PREFIX:-wf$(( sum % 100000 ))}
    HOSTS_SUBNET=${HOSTS_SUBNET:-$(hosts_free_subnet $(( sum % 200 + 20 )))}
    case "$HOSTS_SUBNET" in *.0/24) ;; *) die "HOSTS_SUBNET must be a /24 ending in .0/24, got '$HOSTS_SUBNET'" ;; esac
    [ "${#HOSTS_PREFIX}" -le 9 ] || die "HOSTS_PREFIX must be at most 9 characters (interface names)"
}

# hosts_free_subnet N — the first 10.213.N.0/24 (N, N+1, …) that no address or route here uses.
hosts_free_subnet() {
    local n=$1 used
    used=$(ip -4 -o addr show; ip -4 route show)
    while grep -q "10\.213\.$n\." <<<"$used"; do n=$(( (n + 1) % 250 )); done
    echo "10.213.$n.0/24"
}

hosts_load() {
    # shellcheck source=/dev/null
    [ -r "$STACK_HOME/$HOSTS_FILE_NAME" ] && . "$STACK_HOME/$HOSTS_FILE_NAME"
    hosts_defaults
}

hosts_save() {
    printf 'HOSTS_PREFIX=%q\nHOSTS_SUBNET=%q\n' "$HOSTS_PREFIX" "$HOSTS_SUBNET" >"$STACK_HOME/$HOSTS_FILE_NAME"
}

hosts_net() { echo "${HOSTS_SUBNET%.0/24}"; }
hosts_bridge() { echo "$HOSTS_PREFIX-br"; }
hosts_gateway() { echo "$(hosts_net).1"; }
hosts_infra_address() { echo "$(hosts_net).2"; }
hosts_app_address() { echo "$(hosts_net).$(( 10 + $1 ))"; }
hosts_namespace() { case "$1" in infra) echo "$HOSTS_PREFIX-infra" ;; *) echo "$HOSTS_PREFIX-app$1" ;; esac; }
hosts_veth() { case "$1" in infra) echo "$HOSTS_PREFIX-vi" ;; *) echo "$HOSTS_PREFIX-v$1" ;; esac; }

# hosts_link HOST ADDRESS — the namespace with lo up, a veth pair to the bridge, ADDRESS on its eth0.
hosts_link() {
    local ns veth
    ns=$(hosts_namespace "$1") veth=$(hosts_veth "$1")
    ip netns list | grep -qw "^$ns" || ip netns add "$ns"
    ip -n "$ns" link set lo up
    if ! ip link show "$veth" >/dev/null 2>&1; then
        ip link add "$veth" type veth peer name "$veth-p"
        ip link set "$veth-p" netns "$ns"
        ip -n "$ns" link set "$veth-p" name eth0
        ip -n "$ns" addr add "$2/24" dev eth0
    fi
    ip link set "$veth" master "$(hosts_bridge)" up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route replace default via "$(hosts_gateway)"
}

hosts_network_up() {
    local i bridge
    bridge=$(hosts_bridge)
    step_start network
    if ! ip link show "$bridge" >/dev/null 2>&1; then
        ip link add "$bridge" type bridge
        ip addr add "$(hosts_gateway)/24" dev "$bridge"
    fi
    ip link set "$bridge" up
    hosts_link infra "$(hosts_infra_address)"
    for i in 1 2 3; do hosts_link "$i" "$(hosts_app_address "$i")"; done
    step_done "bridge $bridge $(hosts_gateway)/24; infra $(hosts_infra_address), app hosts $(hosts_app_address 1)-$(hosts_app_address 3)"
}

# Removes every namespace, veth and the bridge this stack made (their processes must be gone).
hosts_network_down() {
    local host ns
    for host in 1 2 3 infra; do
        ns=$(hosts_namespace "$host")
        ip link del "$(hosts_veth "$host")" 2>/dev/null || true
        ! ip netns list | grep -qw "^$ns" || ip netns del "$ns"
    done
    ip link del "$(hosts_bridge)" 2>/dev/null || true
    step_note network "namespaces, veths and bridge $(hosts_bridge) removed"
}

# The infra host's own stack, inside its namespace: `ops/stack ARGS` with its STACK_HOME and address.
# It shares this stack's generated secrets, so its PostgreSQL takes the password the app hosts send.
hosts_infra_stack() {
    install -d -m 0755 "$STACK_HOME/infra"
    [ -s "$STACK_HOME/infra/secrets.env" ] || install -m 0600 "$SECRETS_FILE" "$STACK_HOME/infra/secrets.env"
    ip netns exec "$(hosts_namespace infra)" env -u PG_CLUSTER -u TOPOLOGY \
        STACK_HOME="$STACK_HOME/infra" STACK_LISTEN_ADDRESS="$(hosts_infra_address)" STACK_PEER_NETWORK="$HOSTS_SUBNET" \
        PG_PORT="$PG_PORT" PGBOUNCER_PORT="$PGBOUNCER_PORT" REDIS_PORT="$REDIS_PORT" KAFKA_PORT="$KAFKA_PORT" \
        KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" KAFKA_PARTITIONS="$KAFKA_PARTITIONS" \
        "$REPO_ROOT/ops/stack" "$@" 9>&-
}

# hosts_service_command NAME — the command line of api-N or worker-N, run in app host N's namespace.
hosts_service_command() {
    local name=$1 role=${1%-*} host=${1#*-} port aot
    port=$([ "$role" = api ] && echo "$API_BASE_PORT" || echo "$WORKER_BASE_PORT")
    mapfile -t aot < <(aot_option)
    printf '%s\n' ip netns exec "$(hosts_namespace "$host")"
    STACK_INFRA_ADDRESS=$(hosts_infra_address) service_command "$role" "$port" "${aot[@]}" "-Dworkflow.stack.name=$name"
}

hosts_service_url() { # hosts_service_url NAME — its /health on its host's address
    local role=${1%-*} host=${1#*-}
    printf 'http://%s:%s/health\n' "$(hosts_app_address "$host")" "$([ "$role" = api ] && echo "$API_BASE_PORT" || echo "$WORKER_BASE_PORT")"
}

hosts_start_service() {
    local name=$1 command_line
    mapfile -t command_line < <(hosts_service_command "$name")
    start_bg "$(component_pidfile "$name")" "$(component_log "$name")" "${command_line[@]}"
}

# hosts_wait_services NAME... — until each answers /health on its host's address (bounded).
hosts_wait_services() {
    local name pid
    for name in "$@"; do
        step_start "$name"
        pid=$(pid_from_file "$(component_pidfile "$name")")
        wait_until "$SERVICE_TIMEOUT" "$pid" "$(component_log "$name")" "$name /health" \
            bounded "$PROBE_TIMEOUT" http_ok "$(hosts_service_url "$name")"
        step_done "ready on $(hosts_service_url "$name" | sed 's|^http://||; s|/health$||') (pid $pid)"
    done
}

# The migrate step, from app host 1, against the infra host's address. Up to 3 attempts: it is
# idempotent, and a broker on a saturated machine (load 38 on 2 cores, measured) can take longer than
# the step's 10 s to create a topic.
hosts_migrate() {
    local command_line log attempt
    log=$(component_log migrate)
    step_start migrate
    mapfile -t command_line < <(STACK_INFRA_ADDRESS=$(hosts_infra_address) service_command migrate 0)
    for attempt in 1 2 3; do
        echo "=== $(date -u +%FT%TZ) migrate, attempt $attempt" >>"$log"
        if timeout "$SERVICE_TIMEOUT" ip netns exec "$(hosts_namespace 1)" "${command_line[@]}" </dev/null >>"$log" 2>&1 9>&-; then
            step_done "schema and topics up to date (from $(hosts_app_address 1), attempt $attempt)"
            return 0
        fi
    done
    show_log_tail "$log"
    die "migrate: the schema or the topics could not be brought up to date from app host 1; see $log"
}

# nginx's upstream servers in the hosts topology: the app hosts' addresses. Passive health: one
# failure (a host whose link is cut answers nothing: its connect times out after 1 s, nginx.sh, and
# the request goes to another host) leaves a host out for 10 s, then it is tried again, which is how
# a host that rejoins comes back into rotation.
hosts_upstream_servers() {
    local i servers=""
    for i in 1 2 3; do
        servers+="        server $(hosts_app_address "$i"):$API_BASE_PORT max_fails=1 fail_timeout=10s;"$'\n'
    done
    printf '%s' "${servers%$'\n'}"
}

# The broker's jars for the infra host, fetched here in the root namespace (the namespaces have no
# route out), or copied from another stack of this checkout that has them ($HOSTS_KAFKA_LIBS).
hosts_kafka_libs() {
    local from=${HOSTS_KAFKA_LIBS:-$REPO_ROOT/.stack/kafka/libs}
    [ ! -d "$STACK_HOME/infra/kafka/libs" ] || return 0
    install -d -m 0755 "$STACK_HOME/infra" "$STACK_HOME/infra/kafka"
    if [ -d "$from" ] && [ -n "$(ls -A "$from")" ]; then
        cp -r "$from" "$STACK_HOME/infra/kafka/libs"
    else
        KAFKA_DIR="$STACK_HOME/infra/kafka" kafka_libs
    fi
}

hosts_up() {
    local t0=$1 i names=()
    if [ "$API_REPLICAS" != 3 ] || [ "$WORKERS" != 3 ]; then
        die "the hosts topology has 3 app hosts: API_REPLICAS and WORKERS must be 3"
    fi
    hosts_load
    hosts_save
    ensure_packages "$LOG_DIR/apt.log" postgresql curl pgbouncer redis-server nginx iproute2
    # shellcheck source=ops/lib/java.sh
    . "$REPO_ROOT/ops/lib/java.sh"
    ensure_service_jar
    hosts_network_up
    hosts_kafka_libs
    log "-- infra host $(hosts_namespace infra) ($(hosts_infra_address)): its own stack in $STACK_HOME/infra"
    hosts_infra_stack up infra || die "the infra host's stack did not come up (STACK_HOME=$STACK_HOME/infra ops/stack logs)"
    log "-- app hosts"
    hosts_migrate
    STACK_INFRA_ADDRESS=$(hosts_infra_address) ensure_aot_cache
    for i in 1 2 3; do names+=("api-$i" "worker-$i"); done
    for i in "${names[@]}"; do component_pid "$i" >/dev/null || hosts_start_service "$i"; done
    hosts_wait_services "${names[@]}"
    up_nginx
    log ""
    log "API:        http://127.0.0.1:$HTTP_PORT (nginx over $(hosts_app_address 1)-$(hosts_app_address 3):$API_BASE_PORT)"
    log "infra:      $(hosts_infra_address): PostgreSQL :$PG_PORT, PgBouncer :$PGBOUNCER_PORT, Redis :$REDIS_PORT, Kafka :$KAFKA_PORT"
    log "topology:   hosts (namespaces $HOSTS_PREFIX-*, state in $STACK_HOME)"
    log "up took:    $(elapsed_s "$t0")"
}

hosts_down() {
    local purge=$1 c how=()
    [ "$purge" = 0 ] || how=(--purge)
    hosts_load
    for c in nginx worker-3 worker-2 worker-1 api-3 api-2 api-1; do down_component "$c"; done
    if [ -d "$STACK_HOME/infra" ]; then
        if ip netns list | grep -qw "^$(hosts_namespace infra)"; then
            hosts_infra_stack down "${how[@]}" || warn "the infra host's stack did not stop cleanly"
        else
            STACK_HOME="$STACK_HOME/infra" "$REPO_ROOT/ops/stack" down "${how[@]}" 9>&- ||
                warn "the infra host's stack did not stop cleanly"
        fi
    fi
    hosts_network_down
    rm -f "$STACK_HOME/$HOSTS_FILE_NAME"
}

# ops/stack host cut N | rejoin N
cmd_host() {
    local action=${1:-} host=${2:-} name pid
    case "$host" in 1 | 2 | 3) ;; *) die "usage: ops/stack host cut|rejoin 1|2|3" ;; esac
    [ "$(recorded_topology)" = hosts ] || die "the hosts topology is not up"
    lock_stack
    load_settings
    hosts_load
    . "$REPO_ROOT/ops/lib/java.sh"
    case "$action" in
        cut)
            for name in "api-$host" "worker-$host"; do
                if pid=$(component_pid "$name"); then kill -KILL "$pid"; wait_gone "$pid" 50 || true; fi
                rm -f "$(component_pidfile "$name")"
            done
            ip link set "$(hosts_veth "$host")" down
            step_note "host $host" "cut: api-$host and worker-$host killed (SIGKILL), link $(hosts_veth "$host") down"
            ;;
        rejoin)
            ip link set "$(hosts_veth "$host")" up
            for name in "api-$host" "worker-$host"; do component_pid "$name" >/dev/null || hosts_start_service "$name"; done
            hosts_wait_services "api-$host" "worker-$host"
            step_note "host $host" "rejoined: link up, api-$host and worker-$host running again"
            ;;
        *) die "usage: ops/stack host cut|rejoin 1|2|3" ;;
    esac
}

hosts_status() {
    local i name pid state
    hosts_load
    for i in 1 2 3; do
        for name in "api-$i" "worker-$i"; do
            state=down pid=-
            if pid=$(component_pid "$name"); then
                state=$(bounded "$PROBE_TIMEOUT" http_ok "$(hosts_service_url "$name")" && echo ok || echo failing)
            fi
            printf '%-10s %-8s %-8s %s\n' "$name" "${pid:--}" "$state" "$(hosts_service_url "$name")"
        done
    done
    check_component nginx || true
    printf '%-10s %-8s %-8s %s\n' nginx "$(component_pid nginx || echo -)" "$HEALTH" "http://127.0.0.1:$HTTP_PORT"
    log "infra host $(hosts_namespace infra) ($(hosts_infra_address)):"
    hosts_infra_stack status
}
