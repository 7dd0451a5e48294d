# syntax=docker/dockerfile:1
# The service's container image: built with the Maven wrapper, run on a slim JRE as a non-root user,
# started from a JDK ahead-of-time cache trained in the image build. MODE and ROLE come from the
# environment like every other setting (application.yaml holds the defaults: embedded, all), so one
# image serves as API replica (ROLE=api), worker (ROLE=worker) and migration job (ROLE=migrate).
# For the reader's own machine: this repository's build machine cannot pull images (see README).
#
#   docker build -t workflow-automation .
#   docker run --rm -p 8080:8080 workflow-automation            # embedded mode, in memory
#   docker compose up                                           # the whole topology (compose.yaml)

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre
# The JVM's options, declared once: the cache is trained under them and the service runs under them,
# and the JVM refuses a cache made under other options.
ARG JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m"

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# The whole checkout but what .dockerignore leaves out; Maven's repository is a cache mount, kept
# between builds.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -DskipTests package -pl bootstrap -am \
    && mkdir -p /out \
    && cp bootstrap/target/workflow-automation.jar /out/ \
    && cp -r bootstrap/target/libs /out/libs

# The ahead-of-time cache must come from the JVM that will run it, with the same jars at the same
# paths and the same options: so it is trained on the runtime image itself (JDK 25 -XX:AOTCacheOutput).
FROM ${JRE_IMAGE} AS aot
ARG JAVA_OPTS
WORKDIR /app
COPY --from=build /out/ /app/
COPY deploy/docker/train-aot.sh deploy/docker/http.sh /app/bin/
RUN JAVA_OPTS="$JAVA_OPTS" /app/bin/train-aot.sh /app/workflow-automation.jar /app/service.aot

FROM ${JRE_IMAGE}
ARG JAVA_OPTS
# A fixed numeric uid: Kubernetes' runAsNonRoot can check it without a passwd lookup.
RUN groupadd --system --gid 10001 workflow \
    && useradd --system --uid 10001 --gid workflow --home-dir /app --shell /usr/sbin/nologin workflow
WORKDIR /app
COPY --from=aot --chown=root:root /app/ /app/
COPY deploy/docker/entrypoint.sh /app/bin/
ENV JAVA_OPTS="${JAVA_OPTS}" \
    AOT_CACHE=/app/service.aot \
    SERVER_PORT=8080
USER 10001:10001
EXPOSE 8080
# Liveness of the wire contract (no I/O); bash's /dev/tcp, so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["/app/bin/http.sh", "/health"]
# exec: the JVM is PID 1 and receives SIGTERM itself, so its drain (SHUTDOWN_DRAIN_DELAY_MS) runs.
ENTRYPOINT ["/app/bin/entrypoint.sh"]
