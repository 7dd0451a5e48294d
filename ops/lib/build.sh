# shellcheck shell=bash
# The service jar of a checkout. Source it; it defines functions only.

# service_jar_is_current ROOT — true when ROOT's service jar exists and every module's sources are
# older than that module's own packaged jar. (Maven rewrites a module's jar only when the module
# changed, so the service jar alone is no measure of what a build left out.)
service_jar_is_current() {
    local root=$1 module jar libcopy
    [ -f "$root/bootstrap/target/workflow-automation.jar" ] || return 1
    [ -z "$(find "$root/pom.xml" -newer "$root/bootstrap/target/workflow-automation.jar" -print -quit)" ] || return 1
    for module in "$root"/domain "$root"/application "$root"/adapters/* "$root"/bootstrap; do
        [ -f "$module/pom.xml" ] || continue
        jar=$(find "$module/target" -maxdepth 1 -name '*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' \
            -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2-)
        [ -n "$jar" ] || return 1
        [ -z "$(find "$module/pom.xml" "$module/src/main" -newer "$jar" \
            \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.sql' -o -name '*.properties' \) \
            -print -quit 2>/dev/null)" ] || return 1
        # The service runs the copy in bootstrap/target/libs: a module rebuilt on its own (mvn -pl) since
        # the last package leaves that copy behind.
        libcopy="$root/bootstrap/target/libs/${jar##*/}"
        [ "$module" = "$root/bootstrap" ] || { [ -f "$libcopy" ] && ! [ "$jar" -nt "$libcopy" ]; } || return 1
    done
}
