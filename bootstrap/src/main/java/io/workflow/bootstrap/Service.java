package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.workflow.adapters.http.HttpApi;
import io.workflow.adapters.kafka.KafkaTriggerEventReader;
import io.workflow.adapters.steps.StepExecutors;
import io.workflow.bootstrap.telemetry.Telemetry;
import io.workflow.application.GetWorkflow;
import io.workflow.application.service.ArchiveWorkflowService;
import io.workflow.application.service.ApiKeyService;
import io.workflow.application.service.AuthenticateCallerService;
import io.workflow.application.service.CacheAside;
import io.workflow.application.service.ChangeRunService;
import io.workflow.application.service.CreateWorkflowService;
import io.workflow.application.service.DeadLetterService;
import io.workflow.application.service.ExecuteRunService;
import io.workflow.application.service.GetRunService;
import io.workflow.application.service.GetWorkflowService;
import io.workflow.application.service.ListRunsService;
import io.workflow.application.service.ListWorkflowsService;
import io.workflow.application.service.RecoverStrandedRunsService;
import io.workflow.application.service.WakeDueRunsService;
import io.workflow.application.service.WorkflowVersionsService;
import io.workflow.application.service.RotateSigningSecretService;
import io.workflow.application.service.RunIdempotentlyService;
import io.workflow.application.service.TriggerRunService;
import io.workflow.application.service.WorkflowVersionsService;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root: the driven ports of the configured mode ({@link EmbeddedPorts} or
 * {@link StackPorts}), the use cases over them, and the web server; owns everything it opened and
 * closes it in reverse order.
 */
final class Service implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Service.class.getName());
    /** PostgreSQL keeps microseconds; a clock that ticks in microseconds keeps every store equal. */
    private static final Duration CLOCK_TICK = Duration.ofNanos(1_000);
    /** Keys a replica remembers at once; far more than a deployment issues. */
    private static final int MAX_CACHED_KEYS = 10_000;

    private final Closer closer;
    private final WebServer server;
    private final Drain drain;

    private Service(Closer closer, WebServer server, Drain drain) {
        this.closer = closer;
        this.server = server;
        this.drain = drain;
    }

    /** Builds and starts the service that {@code config} describes (its settings and its {@code server} subtree). */
    static Service start(Config config) {
        return start(Settings.read(config), config.get("server"));
    }

    static Service start(Settings settings, Config serverConfig) {
        Role role = settings.role();
        Mode mode = settings.mode();
        if (role == Role.MIGRATE) {
            throw new IllegalArgumentException("role 'migrate' runs once and exits (Main), it is not a service");
        }
        if (mode == Mode.EMBEDDED && role != Role.ALL) {
            throw new IllegalArgumentException("the embedded mode keeps everything in one process: it runs only as role 'all'");
        }
        Clock clock = Clock.tick(Clock.systemUTC(), CLOCK_TICK);
        Closer closer = new Closer();
        try {
            Telemetry telemetry = Telemetry.create(settings.observe().metrics());
            DrivenPorts ports = observed(switch (mode) {
                case EMBEDDED -> EmbeddedPorts.open(settings, clock, closer);
                case STACK -> StackPorts.open(settings, closer, telemetry);
            }, telemetry, role.executesRuns());
            CacheAside<Workflow> workflowCache = CacheAside.forWorkflows(ports.workflowCache());
            CacheAside<Run> runCache = CacheAside.forRuns(ports.runCache());
            if (role.executesRuns()) {
                StepExecutors steps = closer.register(new StepExecutors(settings.webhook(), ports.signingSecrets(), clock));
                Settings.Worker worker = settings.worker();
                ExecuteRunService executeRun = closer.register(new ExecuteRunService(ports.workflows(), workflowCache, ports.runs(),
                        telemetry.steps(steps), ports.completions(), runCache, clock,
                        ExecuteRunService.Timing.ofLease(worker.lease()).sleepingAtMost(worker.sleepMax()), telemetry.runScope()));
                ports.intake().start(telemetry.execution(executeRun));
                scheduleTimers(worker, closer.register(new WakeDueRunsService(ports.runs(), executeRun, clock,
                        worker.batchSize(), worker.concurrency())), closer);
                scheduleRecovery(settings.recovery(), new RecoverStrandedRunsService(ports.runs(), ports.dispatcher(), clock,
                        settings.recovery().pendingGrace(), settings.recovery().batchSize()), closer);
            }
            SecureRandom random = new SecureRandom();
            GetWorkflow getWorkflow = new GetWorkflowService(ports.workflows(), workflowCache);
            RunIdempotentlyService runIdempotently = new RunIdempotentlyService(ports.idempotencyKeys(), clock,
                    settings.idempotency().retention(), settings.idempotency().lock());
            if (role.servesApi()) {
                scheduleKeyCleanup(settings.idempotency().cleanupInterval(), runIdempotently, closer);
            }
            WorkflowVersionsService versions = new WorkflowVersionsService(ports.workflows(), workflowCache, clock,
                    settings.webhook().addresses());
            ChangeRunService changeRun = new ChangeRunService(ports.runs(), ports.dispatcher(), ports.completions(), runCache, clock);
            HttpApi.UseCases useCases = new HttpApi.UseCases(
                    new CreateWorkflowService(ports.workflows(), workflowCache, clock, settings.webhook().addresses(), random),
                    getWorkflow,
                    new TriggerRunService(getWorkflow, ports.runs(), ports.dispatcher(), runCache, clock),
                    new GetRunService(ports.runs(), runCache, ports.workflows(), workflowCache, clock),
                    new ListRunsService(ports.runs()),
                    changeRun, changeRun,
                    new RotateSigningSecretService(getWorkflow, ports.signingSecrets(), clock,
                            settings.webhook().signingGrace(), random),
                    runIdempotently,
                    new ListWorkflowsService(ports.workflows()),
                    new ArchiveWorkflowService(ports.workflows(), workflowCache, clock),
                    deadLetters(ports, clock), versions, versions, versions);
            // An API replica drains before it stops; a worker's listener serves only its health.
            Drain drain = new Drain(role.servesApi() ? settings.shutdown().drainDelay() : Duration.ZERO);
            Map<String, BooleanSupplier> readiness = new LinkedHashMap<>(ports.readinessChecks());
            readiness.put("accepting", drain.accepting());
            WebServer server = WebServer.builder()
                    .config(serverConfig)
                    // The service stops the server itself (close(), called by Main's shutdown hook), after draining.
                    .shutdownHook(false)
                    .shutdownGracePeriod(settings.shutdown().grace())
                    .update(builder -> {
                        Filter[] outermost = telemetry.httpFilters().toArray(Filter[]::new);
                        if (role.servesApi()) {
                            HttpApi.configure(builder, useCases, access(settings.auth(), ports, clock), settings.cursorSecret(),
                                    settings.http(), settings.limits(), outermost);
                        } else {
                            HttpApi.configureWithoutApi(builder, settings.http(), outermost);
                        }
                    })
                    .addFeature(Observability.feature(readiness))
                    .addFeature(drain)
                    .build()
                    .start();
            LOG.info(() -> "Workflow Automation (" + mode.name().toLowerCase(Locale.ROOT) + ", role "
                    + role.name().toLowerCase(Locale.ROOT) + ") listening on port " + server.port());
            return new Service(closer, server, drain);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /** The dead letters' use cases; a redrive reads an event as the Kafka workers do, whatever the mode. */
    private static HttpApi.DeadLetterUseCases deadLetters(DrivenPorts ports, Clock clock) {
        DeadLetterService letters = new DeadLetterService(ports.deadLetters(), new KafkaTriggerEventReader(), ports.runs(),
                ports.dispatcher(), clock);
        return new HttpApi.DeadLetterUseCases(letters, letters, letters);
    }

    /** Who may use the API, over the mode's key store. */
    private static HttpApi.Access access(Settings.Auth auth, DrivenPorts ports, Clock clock) {
        ApiKeyService keys = new ApiKeyService(ports.apiKeys(), clock);
        return new HttpApi.Access(auth.required(),
                new AuthenticateCallerService(ports.apiKeys(), clock, auth.keyCache(), MAX_CACHED_KEYS),
                new HttpApi.KeyUseCases(keys, keys, keys), auth.rateLimit());
    }

    /** The ports with the run repository, the caches and (through the service) the steps observed: counted and logged. */
    private static DrivenPorts observed(DrivenPorts ports, Telemetry telemetry, boolean executesRuns) {
        Telemetry.ObservedRuns observed = telemetry.observe(ports.runs(), ports.workflows(), ports.workflowCache(), executesRuns);
        return new DrivenPorts(ports.workflows(), observed.runs(), observed.workflowCache(), telemetry.cache(ports.runCache(), "run"),
                ports.dispatcher(), ports.completions(), ports.intake(), ports.readinessChecks(), ports.signingSecrets(),
                ports.idempotencyKeys(), ports.apiKeys(), ports.deadLetters());
    }

    int port() {
        return server.port();
    }

    /**
     * Drains ({@link Drain}), stops the server, which waits up to its shutdown grace period for the
     * requests in flight, then closes everything else; what SIGTERM does.
     */
    void drainAndClose() {
        drain.begin();
        close();
    }

    @Override
    public void close() {
        server.stop();
        closer.close();
    }

    /**
     * Polls for due runs every {@code pollInterval}; a poll that filled its batch is followed at once
     * by another, so a burst of due timers drains without waiting out an interval per batch.
     */
    private static void scheduleTimers(Settings.Worker worker, WakeDueRunsService wake, Closer closer) {
        schedule("due-run-poller", worker.pollInterval(), () -> {
            while (wake.wake() == worker.batchSize()) {
                // a full batch: more may be due
            }
        }, closer);
    }

    private static void scheduleKeyCleanup(Duration every, RunIdempotentlyService keys, Closer closer) {
        schedule("idempotency-key-cleanup", every, () -> {
            int deleted = keys.forgetExpired();
            if (deleted > 0) {
                LOG.fine(() -> deleted + " expired idempotency keys deleted");
            }
        }, closer);
    }

    /** Runs {@code task} every {@code every} on its own virtual thread until closed; a failure is logged and tried next time. */
    private static void schedule(String name, Duration every, Runnable task, Closer closer) {
        long interval = every.toMillis();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(name).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed; trying again in " + interval + " ms", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
        closer.register(() -> {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        });
    }

    private static void scheduleRecovery(Settings.Recovery recovery, RecoverStrandedRunsService recover, Closer closer) {
        schedule("stranded-run-sweeper", recovery.interval(), recover::recover, closer);
    }
}
