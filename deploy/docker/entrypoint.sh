#!/usr/bin/env bash
# The image's entry point: the service jar with $JAVA_OPTS, from the ahead-of-time cache when the
# image has one ($AOT_CACHE; the JVM ignores a cache it cannot use and starts without it).
set -euo pipefail
read -r -a opts <<<"${JAVA_OPTS:-}"
if [ -n "${AOT_CACHE:-}" ] && [ -s "$AOT_CACHE" ]; then
    opts+=("-XX:AOTCache=$AOT_CACHE")
fi
exec java "${opts[@]}" -jar /app/workflow-automation.jar "$@"
