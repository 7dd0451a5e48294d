# shellcheck shell=bash
# Configuration files written only when their content changes. Source it; it defines functions only.

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
