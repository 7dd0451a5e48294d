# shellcheck shell=bash
# The service jar of a checkout. Source it; it defines functions only.

# service_jar_is_current ROOT — true when ROOT's service jar exists and no source is newer than it.
service_jar_is_current() {
    local root=$1 jar=$1/bootstrap/target/workflow-automation.jar
    [ -f "$jar" ] || return 1
    [ -z "$(cd "$root" && find pom.xml domain application adapters bootstrap -newer "$jar" \
        \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.sql' -o -name '*.properties' \) \
        -not -path '*/target/*' -print -quit)" ]
}
