package io.workflow.adapters.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.workflow.application.ArchiveWorkflow;
import io.workflow.application.GetWorkflowVersion;
import io.workflow.application.ListWorkflowVersions;
import io.workflow.application.ReviseWorkflow;
import io.workflow.application.CancelRun;
import io.workflow.application.AuthenticateCaller;
import io.workflow.application.CreateApiKey;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.DeleteDeadLetter;
import io.workflow.application.GetRun;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListApiKeys;
import io.workflow.application.ListDeadLetters;
import io.workflow.application.ListRuns;
import io.workflow.application.ListWorkflows;
import io.workflow.application.RedriveDeadLetter;
import io.workflow.application.RetryRun;
import io.workflow.application.RevokeApiKey;
import io.workflow.application.RotateSigningSecret;
import io.workflow.application.RunIdempotently;
import io.workflow.application.TriggerRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.auth.UnauthenticatedException;
import io.workflow.domain.page.Page;

import java.util.List;
import java.util.Objects;

/**
 * The HTTP API in one call. Bootstrap owns the server (ports, config) and hands its builder here
 * after applying its configuration:
 * <pre>{@code
 * WebServer.builder()
 *         .config(config.get("server"))
 *         .update(server -> HttpApi.configure(server, useCases, access, cursorSecret, clientLimits, limits))
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

    /**
     * The use cases the API drives (input ports: a test may give lambdas). {@code runIdempotently}
     * keeps the answers of {@code POST}s sent with an {@code Idempotency-Key}.
     */
    public record UseCases(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, TriggerRun triggerRun,
                           GetRun getRun, ListRuns listRuns, CancelRun cancelRun, RetryRun retryRun,
                           RotateSigningSecret rotateSigningSecret, RunIdempotently runIdempotently,
                           ListWorkflows listWorkflows, ArchiveWorkflow archiveWorkflow, DeadLetterUseCases deadLetters,
                           ReviseWorkflow reviseWorkflow, ListWorkflowVersions listWorkflowVersions,
                           GetWorkflowVersion getWorkflowVersion) {
        public UseCases {
            Objects.requireNonNull(deadLetters, "deadLetters");
            Objects.requireNonNull(reviseWorkflow, "reviseWorkflow");
            Objects.requireNonNull(listWorkflowVersions, "listWorkflowVersions");
            Objects.requireNonNull(getWorkflowVersion, "getWorkflowVersion");
            Objects.requireNonNull(rotateSigningSecret, "rotateSigningSecret");
            Objects.requireNonNull(createWorkflow, "createWorkflow");
            Objects.requireNonNull(getWorkflow, "getWorkflow");
            Objects.requireNonNull(triggerRun, "triggerRun");
            Objects.requireNonNull(getRun, "getRun");
            Objects.requireNonNull(listRuns, "listRuns");
            Objects.requireNonNull(cancelRun, "cancelRun");
            Objects.requireNonNull(retryRun, "retryRun");
            Objects.requireNonNull(runIdempotently, "runIdempotently");
            Objects.requireNonNull(listWorkflows, "listWorkflows");
            Objects.requireNonNull(archiveWorkflow, "archiveWorkflow");
        }

        /**
         * Without dead letters (the API lists none and finds none to redrive or delete) and without
         * versions (a revision or a version of any workflow is not found: 404).
         */
        public UseCases(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, TriggerRun triggerRun,
                        GetRun getRun, ListRuns listRuns, CancelRun cancelRun, RetryRun retryRun,
                        RotateSigningSecret rotateSigningSecret, RunIdempotently runIdempotently,
                        ListWorkflows listWorkflows, ArchiveWorkflow archiveWorkflow) {
            this(createWorkflow, getWorkflow, triggerRun, getRun, listRuns, cancelRun, retryRun, rotateSigningSecret,
                    runIdempotently, listWorkflows, archiveWorkflow, DeadLetterUseCases.NONE,
                    (tenant, uuid, command) -> {
                        throw new NotFoundException("workflow", uuid);
                    },
                    (tenant, uuid, page) -> {
                        throw new NotFoundException("workflow", uuid);
                    },
                    (tenant, uuid, version) -> {
                        throw new NotFoundException("workflow", uuid);
                    });
        }

        /**
         * The seed's use cases alone, for tests and tools that drive only those: no signing secret
         * to rotate (404), the API keeps no idempotency keys (a key is accepted and the work done
         * every time), lists no workflows and finds none to archive. The service never uses this.
         */
        public UseCases(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, TriggerRun triggerRun,
                        GetRun getRun, ListRuns listRuns, CancelRun cancelRun, RetryRun retryRun) {
            this(createWorkflow, getWorkflow, triggerRun, getRun, listRuns, cancelRun, retryRun,
                    workflowId -> {
                        throw new NotFoundException("workflow", workflowId);
                    },
                    (request, work) -> new RunIdempotently.Answer(work.get(), false),
                    query -> new Page<>(List.of(), null),
                    uuid -> {
                        throw new NotFoundException("workflow", uuid);
                    });
        }
    }

    /** The dead-letter use cases, served to {@code admin} keys. */
    public record DeadLetterUseCases(ListDeadLetters list, RedriveDeadLetter redrive, DeleteDeadLetter delete) {
        /** No dead letters: an empty listing, and 404 for any one. */
        static final DeadLetterUseCases NONE = new DeadLetterUseCases((page, tenant) -> new Page<>(List.of(), null),
                (id, tenant) -> {
                    throw new NotFoundException("dead letter", id);
                },
                (id, tenant) -> {
                    throw new NotFoundException("dead letter", id);
                });

        public DeadLetterUseCases {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(redrive, "redrive");
            Objects.requireNonNull(delete, "delete");
        }
    }

    /** The key-management use cases, served to {@code admin} keys. */
    public record KeyUseCases(CreateApiKey create, ListApiKeys list, RevokeApiKey revoke) {
        public KeyUseCases {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(revoke, "revoke");
        }
    }

    /**
     * Who may use the API. {@code required}: every request under {@code /api/v1} carries a live API
     * key (else 401), within its key's {@code rateLimit} (else 429), and each route checks its scope
     * (else 403); otherwise every request is the default tenant with every scope, the seed's
     * contract. {@code keys} null serves no key management (a server built for tests).
     */
    public record Access(boolean required, AuthenticateCaller authenticate, KeyUseCases keys, KeyRateLimit rateLimit) {
        public Access {
            Objects.requireNonNull(authenticate, "authenticate");
            Objects.requireNonNull(rateLimit, "rateLimit");
        }

        /** No authentication and no key management: the seed's open API. */
        public static Access off() {
            return new Access(false, key -> {
                throw new UnauthenticatedException("authentication is off");
            }, null, KeyRateLimit.off());
        }
    }

    /** {@link #configure(WebServerConfig.BuilderBase, UseCases, Access, String, ClientLimits, Limits)} with authentication {@link Access#off() off}. */
    public static void configure(WebServerConfig.BuilderBase<?, ?> server, UseCases useCases, String cursorSecret,
                                 ClientLimits clientLimits, Limits limits) {
        configure(server, useCases, Access.off(), cursorSecret, clientLimits, limits);
    }

    /**
     * Sets up the server's default listener: problem+json for what Helidon rejects outside the routes
     * (such as 413 for a body over {@code max-payload-size}, which must be configured: an API without
     * a body-size limit is refused), the {@link ClientLimits limits} that keep slow clients from
     * holding the API, and the {@link #routing routes} with their size {@link Limits limits}.
     * {@code outermost} filters run first on every request, before the concurrency limit (request
     * ids, request metrics: what must see every request, the ones refused for lack of a permit too).
     */
    public static void configure(WebServerConfig.BuilderBase<?, ?> server, UseCases useCases, Access access,
                                 String cursorSecret, ClientLimits clientLimits, Limits limits, Filter... outermost) {
        if (server.maxPayloadSize() < 0) {
            throw new IllegalArgumentException("the server's max-payload-size is not set: the API needs a body-size limit");
        }
        ReadDeadlines deadlines = limitClients(server, clientLimits);
        ApiConcurrencyLimit apiLimit = new ApiConcurrencyLimit(clientLimits);
        ApiAuthentication authentication = new ApiAuthentication(access.required(), access.authenticate(), access.rateLimit());
        server.directHandlers(ProblemResponses.directHandlers(server.maxPayloadSize()))
                .routing(routing -> {
                    for (Filter filter : outermost) {
                        routing.addFilter(filter);
                    }
                    routing(routing.addFilter(apiLimit).addFilter(deadlines).addFilter(authentication), useCases,
                            cursorSecret, limits);
                    if (access.keys() != null) {
                        routing.register(PREFIX, new ApiKeyHttpService(access.keys()));
                    }
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
     * Registers every route and the error handlers that turn failures into problem+json: the API
     * under {@code /api/v1}, and outside it (so they never wait for the API's permits) the
     * dashboard at {@code /ui} and the interactive docs at {@code /docs}. Without
     * {@link #configure} the server keeps Helidon's own (plain-text) 413 and no body-size limit.
     * {@code cursorSecret} signs the {@code next_cursor} tokens; every replica must share it.
     */
    public static void routing(HttpRouting.Builder routing, UseCases useCases, String cursorSecret, Limits limits) {
        IdempotentPosts idempotent = new IdempotentPosts(useCases.runIdempotently());
        PageQueries pages = new PageQueries(new CursorCodec(cursorSecret), limits.pageBytes());
        routing.register(new RootHttpService(), PagesHttpService.dashboard(), PagesHttpService.apiDocs())
                .register(PREFIX,
                        new WorkflowHttpService(useCases,
                                new WorkflowQueries(pages), limits.workflowBytes(),
                                idempotent),
                        new SigningSecretHttpService(useCases.rotateSigningSecret(), useCases.getWorkflow()),
                        new RunHttpService(useCases.triggerRun(), useCases.getRun(), useCases.listRuns(),
                                useCases.cancelRun(), useCases.retryRun(),
                                new RunQueries(pages), limits.payloadBytes(),
                                idempotent),
                        new DeadLetterHttpService(useCases.deadLetters(), pages));
        ProblemResponses.register(routing);
    }
}
