package io.workflow.adapters.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.workflow.application.CancelRun;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetRun;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListRuns;
import io.workflow.application.RetryRun;
import io.workflow.application.TriggerRun;

import java.util.Objects;

/**
 * The HTTP API in one call. Bootstrap owns the server (ports, config) and hands its builder here
 * after applying its configuration:
 * <pre>{@code
 * WebServer.builder()
 *         .config(config.get("server"))
 *         .update(server -> HttpApi.configure(server, useCases, cursorSecret, clientLimits, limits))
 *         .build();
 * }</pre>
 * Further routes (health, metrics) belong in server features, which add to this routing; a second
 * {@code routing(...)} call on the builder would replace it.
 */
public final class HttpApi {
    static final String PREFIX = "/api/v1";

    private HttpApi() {
    }

    /**
     * Sizes the API enforces, in bytes: a trigger's payload and a workflow definition as compact
     * JSON (larger: 413), and the content of one page of runs (its runs' payloads and step results;
     * the rest follows through {@code next_cursor}).
     */
    public record Limits(int payloadBytes, int workflowBytes, long pageBytes) {
        public Limits {
            if (payloadBytes < 1 || workflowBytes < 1 || pageBytes < 1) {
                throw new IllegalArgumentException("size limits must be positive: " + payloadBytes + ", "
                        + workflowBytes + ", " + pageBytes);
            }
        }
    }

    /** The use cases the API drives (input ports: a test may give lambdas). */
    public record UseCases(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, TriggerRun triggerRun,
                           GetRun getRun, ListRuns listRuns, CancelRun cancelRun, RetryRun retryRun) {
        public UseCases {
            Objects.requireNonNull(createWorkflow, "createWorkflow");
            Objects.requireNonNull(getWorkflow, "getWorkflow");
            Objects.requireNonNull(triggerRun, "triggerRun");
            Objects.requireNonNull(getRun, "getRun");
            Objects.requireNonNull(listRuns, "listRuns");
            Objects.requireNonNull(cancelRun, "cancelRun");
            Objects.requireNonNull(retryRun, "retryRun");
        }
    }

    /**
     * Sets up the server's default listener: problem+json for what Helidon rejects outside the routes
     * (such as 413 for a body over {@code max-payload-size}, which must be configured: an API without
     * a body-size limit is refused), the {@link ClientLimits limits} that keep slow clients from
     * holding the API, and the {@link #routing routes} with their size {@link Limits limits}.
     * {@code outermost} filters run first on every request, before the concurrency limit (request
     * ids, request metrics: what must see every request, the ones refused for lack of a permit too).
     */
    public static void configure(WebServerConfig.BuilderBase<?, ?> server, UseCases useCases, String cursorSecret,
                                 ClientLimits clientLimits, Limits limits, Filter... outermost) {
        if (server.maxPayloadSize() < 0) {
            throw new IllegalArgumentException("the server's max-payload-size is not set: the API needs a body-size limit");
        }
        ReadDeadlines deadlines = limitClients(server, clientLimits);
        ApiConcurrencyLimit apiLimit = new ApiConcurrencyLimit(clientLimits);
        server.directHandlers(ProblemResponses.directHandlers(server.maxPayloadSize()))
                .routing(routing -> {
                    for (Filter filter : outermost) {
                        routing.addFilter(filter);
                    }
                    routing(routing.addFilter(apiLimit).addFilter(deadlines), useCases, cursorSecret, limits);
                });
    }

    /**
     * Sets up a server that answers only {@code /}, {@code /health} and {@code /openapi}: what a
     * worker process serves, so its liveness can be checked like an API replica's. The connection
     * limits and read deadlines apply as on an API replica; {@code outermost} filters as in {@link #configure}.
     */
    public static void configureWithoutApi(WebServerConfig.BuilderBase<?, ?> server, ClientLimits limits, Filter... outermost) {
        ReadDeadlines deadlines = limitClients(server, limits);
        server.routing(routing -> {
            for (Filter filter : outermost) {
                routing.addFilter(filter);
            }
            routing.addFilter(deadlines).register(new RootHttpService());
            ProblemResponses.register(routing);
        });
    }

    /** The per-connection limits of HTTP/1 (request line, headers, connections) and the read deadlines' listener. */
    private static ReadDeadlines limitClients(WebServerConfig.BuilderBase<?, ?> server, ClientLimits limits) {
        ReadDeadlines deadlines = new ReadDeadlines(limits);
        server.maxTcpConnections(limits.maxConnections())
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(limits.maxPrologueLength())
                        .maxHeadersSize(limits.maxHeadersSize())
                        .addReceiveListener(deadlines)
                        .build());
        return deadlines;
    }

    /**
     * Registers every route and the error handlers that turn failures into problem+json. Without
     * {@link #configure} the server keeps Helidon's own (plain-text) 413 and no body-size limit.
     * {@code cursorSecret} signs the {@code next_cursor} tokens; every replica must share it.
     */
    public static void routing(HttpRouting.Builder routing, UseCases useCases, String cursorSecret, Limits limits) {
        routing.register(new RootHttpService())
                .register(PREFIX,
                        new WorkflowHttpService(useCases.createWorkflow(), useCases.getWorkflow(), limits.workflowBytes()),
                        new RunHttpService(useCases.triggerRun(), useCases.getRun(), useCases.listRuns(),
                                useCases.cancelRun(), useCases.retryRun(),
                                new RunQueries(new CursorCodec(cursorSecret), limits.pageBytes()), limits.payloadBytes()));
        ProblemResponses.register(routing);
    }
}
