# shellcheck shell=bash
# Configuration files rendered from templates: `{{NAME}}` placeholders filled in, written only
# when the content changes. Source it; it defines functions only.

# render_template TEMPLATE NAME=VALUE... — TEMPLATE with each {{NAME}} replaced by its VALUE, on
# stdout. Fails, naming it, when a placeholder is left without a value.
render_template() {
    local template=$1 text pair
    shift
    text=$(<"$template") || return 1
    for pair in "$@"; do
        text=${text//"{{${pair%%=*}}}"/"${pair#*=}"}
    done
    if [[ $text =~ \{\{[A-Za-z0-9_]+\}\} ]]; then
        printf '%s: no value for %s\n' "$template" "${BASH_REMATCH[0]}" >&2
        return 1
    fi
    printf '%s\n' "$text"
}

# write_if_changed FILE — writes stdin to FILE; returns 0 when the content changed, 1 if not.
write_if_changed() {
    local file=$1 tmp
    tmp=$(mktemp "${file}.XXXXXX")
    cat >"$tmp"
    if [ -f "$file" ] && cmp -s "$tmp" "$file"; then
        rm -f "$tmp"
        return 1
    fi
    # keep the mode/owner of an existing file; new files get 0644
    if [ -f "$file" ]; then chmod --reference="$file" "$tmp"; chown --reference="$file" "$tmp"; else chmod 0644 "$tmp"; fi
    mv -f "$tmp" "$file"
    return 0
}

# config_from_template TEMPLATE FILE NAME=VALUE... — renders TEMPLATE into FILE; returns 0 when
# FILE changed, 1 when it was already so. Exits (with the reason on stderr) when rendering fails.
config_from_template() {
    local template=$1 file=$2 text
    shift 2
    text=$(render_template "$template" "$@") || { printf 'error: cannot render %s\n' "$template" >&2; exit 1; }
    printf '%s\n' "$text" | write_if_changed "$file"
}
