# shellcheck shell=bash
# Output of the ops scripts: messages, errors, one line per step, timings and log tails.
# Source it; it defines functions only (and no `set` flags).

log() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    # A pending "starting X…" line gets its newline first.
    if [ "${_STEP_OPEN:-0}" = 1 ]; then printf 'FAILED\n'; _STEP_OPEN=0; fi
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Milliseconds since the epoch, and a "12.3s" rendering of the time since such a stamp.
now_ms() { date +%s%3N; }
elapsed_s() {
    local ms=$(( $(now_ms) - $1 ))
    printf '%d.%01ds' $(( ms / 1000 )) $(( ms % 1000 / 100 ))
}

# One line per component: `step_start NAME` prints "NAME  starting… " and `step_done TEXT`
# completes the line. `step_note NAME TEXT` prints a whole line for a component left as it was.
step_start() {
    printf '%-11s starting… ' "$1"
    _STEP_OPEN=1
    _STEP_T0=$(now_ms)
}
step_done() {
    printf '%s (%s)\n' "$*" "$(elapsed_s "$_STEP_T0")"
    _STEP_OPEN=0
}
step_note() {
    local name=$1
    shift
    printf '%-11s %s\n' "$name" "$*"
}

# Prints the last lines of a log file, indented, to stderr (used right before `die`); where
# start_bg marked starts with "=== ", only lines of the latest start.
show_log_tail() {
    local file=$1 lines=${2:-20}
    [ -s "$file" ] || return 0
    printf '  --- %s (last lines) ---\n' "$file" >&2
    awk '/^=== / {n = 0; next} {buf[n++] = $0} END {for (i = (n > m ? n - m : 0); i < n; i++) print buf[i]}' \
        m="$lines" "$file" | sed 's/^/  | /' >&2
}
