#!/usr/bin/env bash
# train-aot.sh JAR CACHE — records the JDK ahead-of-time cache of the service: starts it in the
# embedded mode on a spare port with -XX:AOTCacheOutput, sends it the seed's flow a few times
# (create and read a workflow, trigger a run, read it, list runs), waits for the last run to end and
# stops it with SIGTERM; the JVM writes the cache as it exits. Bounded: 120 s in all.
set -euo pipefail
jar=$1 cache=$2
bin=$(cd "$(dirname "$0")" && pwd)
export SERVER_PORT=${TRAINING_PORT:-18099} MODE=embedded ROLE=all
read -r -a opts <<<"${JAVA_OPTS:-}"
java "${opts[@]}" "-XX:AOTCacheOutput=$cache" -jar "$jar" </dev/null &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
deadline=$(( SECONDS + 60 ))
until "$bin/http.sh" /health >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null || { echo "the service did not start" >&2; exit 1; }
    sleep 0.5
done
workflow='{"name":"aot","steps":[{"name":"wait","type":"delay","config":{"duration":1}}]}'
run=""
for _ in $(seq 1 30); do
    id=$("$bin/http.sh" /api/v1/workflows POST "$workflow" | sed -n 's/.*"workflow_id":"\([^"]*\)".*/\1/p')
    "$bin/http.sh" "/api/v1/workflows/$id" >/dev/null
    run=$("$bin/http.sh" /api/v1/trigger POST "{\"workflow_id\":\"$id\",\"payload\":{\"user_id\":1}}" \
        | sed -n 's/.*"run_id":"\([^"]*\)".*/\1/p')
    "$bin/http.sh" "/api/v1/runs/$run" >/dev/null
    "$bin/http.sh" "/api/v1/runs?limit=50" >/dev/null
done
deadline=$(( SECONDS + 30 ))
until "$bin/http.sh" "/api/v1/runs/$run" | grep -q '"status":"success"' || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.5; done
kill -TERM "$pid"
trap - EXIT
timeout 30 tail --pid="$pid" -f /dev/null || true
wait "$pid" || true
[ -s "$cache" ] || { echo "no cache was written" >&2; exit 1; }
echo "trained $cache ($(( $(stat -c %s "$cache") / 1048576 )) MiB)"
