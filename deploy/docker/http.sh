#!/usr/bin/env bash
# http.sh PATH [METHOD BODY] — one HTTP/1.1 request to the service on 127.0.0.1:$SERVER_PORT over
# bash's /dev/tcp; prints the response body, exits 0 only on a 2xx. The image's health check and the
# AOT training use it, so the runtime image needs no curl. Reads the answer by its Content-Length
# (the server may keep the socket open after it); each read is bounded to 3 s.
set -euo pipefail
path=$1 method=${2:-GET} body=${3:-}
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf '%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$method" "$path" "${#body}" "$body" >&3
IFS= read -r -t 3 status <&3
length=0
while IFS= read -r -t 3 header <&3; do
    header=${header%$'\r'}
    [ -n "$header" ] || break
    case "${header,,}" in content-length:*) length=${header#*:} length=${length// /} ;; esac
done
answer=""
[ "$length" -eq 0 ] || IFS= read -r -t 3 -N "$length" answer <&3 || true
exec 3<&-
printf '%s\n' "$answer"
case "$status" in "HTTP/1."?" 2"??*) exit 0 ;; *) exit 1 ;; esac
