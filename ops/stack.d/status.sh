# shellcheck shell=bash
# ops/stack status | pids [GROUP] | logs [NAME] — what runs, how healthy, its PIDs and its logs.

# "1234 MiB (postgres 60 + kafka 400 + api 3×150 ...)" — PSS in MiB summed over every process
# the stack started (each component's process tree).
memory_line() {
    local c pid kb total=0 parts="" api=0 napi=0 workers=0 nworkers=0
    for c in $(started_components); do
        pid=$(component_pid "$c") || continue
        kb=$(tree_rss_kib "$pid")
        total=$(( total + kb ))
        case "$c" in
            api-*) api=$(( api + kb )) napi=$(( napi + 1 )) ;;
            worker-*) workers=$(( workers + kb )) nworkers=$(( nworkers + 1 )) ;;
            *) parts+=" + $c $(( kb / 1024 ))" ;;
        esac
    done
    [ "$napi" = 0 ] || parts+=" + api $napi×$(( api / napi / 1024 ))"
    [ "$nworkers" = 0 ] || parts+=" + workers $nworkers×$(( workers / nworkers / 1024 ))"
    printf '%s MiB (%s)\n' "$(( total / 1024 ))" "${parts# + }"
}

# status_line NAME — "STATE PID HEALTH RSS" on one line, then why it is not ok (if so) on the next.
status_line() {
    local name=$1 pid
    check_component "$name" || true
    if pid=$(component_pid "$name"); then
        printf 'running %s %s %s\n' "$pid" "$HEALTH" "$(( $(tree_rss_kib "$pid") / 1024 ))_MiB"
    else
        printf 'stopped - %s -\n' "$HEALTH"
    fi
    printf '%s\n' "$HEALTH_DETAIL"
}

# Health: ok; slow (alive, but no answer within $PROBE_TIMEOUT); failing (answered: not healthy);
# down (no process, or its port refuses). Exits 1 when a component of the topology is down or
# failing, 0 when every one is ok or slow. The checks run side by side: a loaded machine makes
# each of them slow, not all of them together.
cmd_status() {
    local topology c dir state pid health rss detail notes=() degraded=0 list=()
    load_settings
    topology=$(recorded_topology)
    TOPOLOGY=${topology:-none}
    [ "$topology" != hosts ] || { hosts_status; return; } # ops/stack.d/hosts.sh
    mapfile -t list < <(known_components "${topology:-full}")
    dir=$(mktemp -d)
    for c in "${list[@]}"; do status_line "$c" >"$dir/$c" & done
    wait
    printf 'topology: %s   (STACK_HOME %s)\n' "$TOPOLOGY" "$STACK_HOME"
    printf '%-11s %-8s %-8s %-16s %-8s %s\n' COMPONENT STATE PID ADDRESS HEALTH RSS
    for c in "${list[@]}"; do
        state="?" pid="?" health="?" rss="?" detail="no answer from the check"
        { read -r state pid health rss && read -r detail; } <"$dir/$c" || true
        printf '%-11s %-8s %-8s %-16s %-8s %s\n' "$c" "$state" "$pid" "127.0.0.1:$(component_port "$c")" "$health" "${rss/_/ }"
        [ "$state" = running ] || [ -n "$topology" ] || continue
        [ "$health" = ok ] || notes+=("$(printf '  %-10s %s: %s' "$c" "$health" "$detail")")
        case "$health" in down | failing) degraded=1 ;; esac
    done
    rm -rf "$dir"
    [ "${#notes[@]}" -eq 0 ] || printf '%s\n' "${notes[@]}"
    if [ -n "$topology" ] && any_running; then
        printf 'memory (PSS) total: %s\n' "$(memory_line)"
    fi
    return "$degraded"
}

# PIDs of the running stack's processes: for GROUP one line "pid,pid" (nothing, status 1, when
# none runs); without GROUP one "group=pid,pid" line per running group.
cmd_pids() {
    local want=${1:-} c pid group
    local -A pids=()
    if [ -n "$want" ] && [[ " ${COMPONENT_GROUPS[*]} " != *" $want "* ]]; then
        printf 'usage: ops/stack pids [%s]\n' "$(IFS='|'; echo "${COMPONENT_GROUPS[*]}")" >&2
        exit 2
    fi
    load_settings
    TOPOLOGY=$(recorded_topology)
    for c in $(known_components "${TOPOLOGY:-full}"); do
        pid=$(component_pid "$c") || continue
        group=$(component_group "$c")
        pids[$group]+="${pids[$group]:+,}$pid"
    done
    if [ -n "$want" ]; then
        [ -n "${pids[$want]:-}" ] || return 1
        printf '%s\n' "${pids[$want]}"
        return 0
    fi
    for group in "${COMPONENT_GROUPS[@]}"; do
        if [ -n "${pids[$group]:-}" ]; then printf '%s=%s\n' "$group" "${pids[$group]}"; fi
    done
    [ "${#pids[@]}" -gt 0 ]
}

cmd_logs() {
    local name=${1:-} file
    if [ -z "$name" ]; then
        [ -d "$LOG_DIR" ] || { log "no logs yet ($LOG_DIR does not exist)"; return 0; }
        log "logs in $LOG_DIR (ops/stack logs NAME):"
        for file in "$LOG_DIR"/*.log; do
            [ -e "$file" ] || continue
            printf '  %-16s %s\n' "$(basename "$file" .log)" "$(du -h "$file" | cut -f1)"
        done
        return 0
    fi
    file="$LOG_DIR/${name%.log}.log"
    [ -f "$file" ] || die "no log named '$name' in $LOG_DIR (ops/stack logs lists them)"
    if [ -t 1 ]; then
        exec tail -n 100 -F "$file"
    else
        tail -n 100 "$file"
    fi
}
