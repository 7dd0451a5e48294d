# shellcheck shell=bash
# ops/stack status | logs [NAME] — what runs, how healthy, and its logs.

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

cmd_status() {
    local topology c pid state health rss degraded=0 list=()
    load_settings
    topology=$(recorded_topology)
    TOPOLOGY=${topology:-none}
    mapfile -t list < <(known_components "${topology:-full}")
    printf 'topology: %s   (STACK_HOME %s)\n' "$TOPOLOGY" "$STACK_HOME"
    printf '%-11s %-8s %-8s %-16s %-7s %s\n' COMPONENT STATE PID ADDRESS HEALTH RSS
    for c in "${list[@]}"; do
        if pid=$(component_pid "$c" 2>/dev/null); then
            state=running
            if component_healthy "$c" >/dev/null 2>&1; then health=ok; else health=FAIL; degraded=1; fi
            rss="$(( $(tree_rss_kib "$pid") / 1024 )) MiB"
        else
            state=stopped pid=- health=- rss=-
            [ -z "$topology" ] || degraded=1
        fi
        printf '%-11s %-8s %-8s %-16s %-7s %s\n' "$c" "$state" "$pid" "127.0.0.1:$(component_port "$c")" "$health" "$rss"
    done
    if [ -n "$topology" ] && any_running; then
        printf 'memory (PSS) total: %s\n' "$(memory_line)"
    fi
    return "$degraded"
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
