# shellcheck shell=bash
# ops/stack: nginx balancing the API replicas (full topology); its settings from
# ops/nginx/nginx.conf.template.

# The `server` lines of the upstream block, one per API replica.
nginx_upstream_servers() {
    local i servers=""
    [ "$TOPOLOGY" != hosts ] || { hosts_upstream_servers; return 0; }
    for ((i = 1; i <= API_REPLICAS; i++)); do
        # No passive health (max_fails=0): a replica is never taken out. A killed or drained one
        # refuses its connections at once and proxy_next_upstream moves the request on; a slow one
        # is only slow. Taking replicas out after 3 failures in 2 s did, under 10,000 users whose
        # connects timed out while the replicas paused in GC, take all three out at once: 5,812
        # requests answered 502 "no live upstreams" in one run of ops/bench (2026-11-30).
        servers+="        server 127.0.0.1:$(component_port "api-$i") max_fails=0;"$'\n'
    done
    printf '%s' "${servers%$'\n'}"
}

# 0 when the rendered configuration changed.
nginx_config() {
    local dir=$1 nofile=40000
    # root may raise the hard limit on a plain machine, not in every container
    if ! (ulimit -n "$nofile") 2>/dev/null; then nofile=$(ulimit -Hn); fi
    config_from_template "$REPO_ROOT/ops/nginx/nginx.conf.template" "$dir/nginx.conf" \
        STACK_HOME="$STACK_HOME" HTTP_PORT="$HTTP_PORT" WORKER_RLIMIT_NOFILE="$nofile" \
        UPSTREAM_SERVERS="$(nginx_upstream_servers)" \
        PROXY_CONNECT_TIMEOUT="$([ "$TOPOLOGY" = hosts ] && echo 1s || echo 5s)"
}

up_nginx() {
    local dir="$STACK_HOME/nginx" log pid changed=0 nginx_cmd
    log=$(component_log nginx)
    install -d -m 0755 "$dir" "$dir/tmp"
    nginx_config "$dir" && changed=1
    nginx_cmd=(nginx -p "$dir/" -c "$dir/nginx.conf" -e "$log")
    if ! "${nginx_cmd[@]}" -t -q >>"$log" 2>&1; then
        show_log_tail "$log"
        die "nginx: configuration $dir/nginx.conf is invalid; see $log"
    fi
    if pid=$(component_pid nginx); then
        if [ "$changed" = 1 ]; then kill -HUP "$pid"; fi # reload: e.g. more replicas
        already_running nginx "$pid"
        return 0
    fi
    step_start nginx
    port_must_be_free nginx "$HTTP_PORT" HTTP_PORT
    rm -f "$(component_pidfile nginx)"
    "${nginx_cmd[@]}" </dev/null >>"$log" 2>&1 9>&- || {
        show_log_tail "$log"
        die "nginx: did not start; see $log"
    }
    wait_until 10 "" "$log" "nginx pidfile" test -s "$(component_pidfile nginx)"
    wait_ready nginx "$(pid_from_file "$(component_pidfile nginx)")"
    step_done "ready on 127.0.0.1:$HTTP_PORT (least_conn over $API_REPLICAS replicas)"
}
