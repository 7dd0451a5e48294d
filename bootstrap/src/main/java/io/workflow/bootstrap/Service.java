package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.workflow.adapters.http.HttpApi;
import io.workflow.adapters.steps.StepExecutors;
import io.workflow.adapters.steps.WebhookSettings;
import io.workflow.application.CacheAside;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun;
import io.workflow.application.GetRun;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListRuns;
import io.workflow.application.RecoverStrandedRuns;
import io.workflow.application.TriggerRun;
import io.workflow.domain.page.CursorCodec;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root: builds the adapters for the configured mode ({@link EmbeddedAdapters} or
 * {@link StackAdapters}), the use cases over them, and
 * the web server; owns everything it opened and closes it in reverse order.
 */
final class Service implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Service.class.getName());
    /** PostgreSQL keeps microseconds; a clock that ticks in microseconds keeps every store equal. */
    private static final Duration CLOCK_TICK = Duration.ofNanos(1_000);

    private final Closer closer;
    private final WebServer server;

    private Service(Closer closer, WebServer server) {
        this.closer = closer;
        this.server = server;
    }

    /** Builds and starts the service described by {@code config}. */
    static Service start(Config config) {
        Role role = Role.parse(config.get("role").asString().orElse("all"));
        Mode mode = Mode.parse(config.get("mode").asString().orElse("embedded"));
        if (role == Role.MIGRATE) {
            throw new IllegalArgumentException("role 'migrate' runs once and exits (Main), it is not a service");
        }
        if (mode == Mode.EMBEDDED && role != Role.ALL) {
            throw new IllegalArgumentException("the embedded mode keeps everything in one process: it runs only as role 'all'");
        }
        Clock clock = Clock.tick(Clock.systemUTC(), CLOCK_TICK);
        Closer closer = new Closer();
        try {
            Adapters adapters = switch (mode) {
                case EMBEDDED -> new EmbeddedAdapters(config, clock, closer);
                case STACK -> new StackAdapters(config, closer);
            };
            CacheAside<Workflow> workflowCache = CacheAside.forWorkflows(adapters.workflowCache());
            CacheAside<Run> runCache = CacheAside.forRuns(adapters.runCache());
            StepExecutors steps = closer.register(new StepExecutors(webhookSettings(config.get("webhook"))));
            ExecuteRun executeRun = new ExecuteRun(adapters.workflows(), workflowCache, adapters.runs(), steps,
                    adapters.completions(), runCache, clock, executionTiming(config));
            RunDispatcher dispatcher = adapters.dispatcher(executeRun::execute);
            if (role.executesRuns()) {
                adapters.consumeRuns(executeRun::execute);
                Config recovery = config.get("recovery");
                scheduleRecovery(recovery, new RecoverStrandedRuns(adapters.runs(), dispatcher, clock,
                        Duration.ofSeconds(recovery.get("pending.grace.seconds").asLong().orElse(120L)),
                        recovery.get("batch.size").asInt().orElse(500)), closer);
            }

            GetWorkflow getWorkflow = new GetWorkflow(adapters.workflows(), workflowCache);
            HttpApi.UseCases useCases = new HttpApi.UseCases(
                    new CreateWorkflow(adapters.workflows(), workflowCache, clock),
                    getWorkflow,
                    new TriggerRun(getWorkflow, adapters.runs(), dispatcher, runCache, clock),
                    new GetRun(adapters.runs(), runCache),
                    new ListRuns(adapters.runs(), new CursorCodec(config.get("cursor.secret").asString().get())));
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .update(builder -> {
                        if (role.servesApi()) {
                            HttpApi.configure(builder, useCases);
                        } else {
                            HttpApi.configureWithoutApi(builder);
                        }
                    })
                    .addFeature(Observability.feature(adapters.readinessChecks()))
                    .build()
                    .start();
            LOG.info(() -> "Workflow Automation (" + mode.name().toLowerCase(Locale.ROOT) + ", role "
                    + role.name().toLowerCase(Locale.ROOT) + ") listening on port " + server.port());
            return new Service(closer, server);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        closer.close();
    }

    private static WebhookSettings webhookSettings(Config webhook) {
        return new WebhookSettings(
                Duration.ofMillis(webhook.get("connect.timeout.ms").asLong().orElse(5_000L)),
                Duration.ofMillis(webhook.get("request.timeout.ms").asLong().orElse(30_000L)));
    }

    private static ExecuteRun.Timing executionTiming(Config config) {
        return new ExecuteRun.Timing(
                Duration.ofMillis(config.get("webhook.request.timeout.ms").asLong().orElse(30_000L)),
                Duration.ofSeconds(config.get("worker.lease.margin.seconds").asLong().orElse(60L)));
    }

    private static void scheduleRecovery(Config recovery, RecoverStrandedRuns recover, Closer closer) {
        long interval = recovery.get("interval.seconds").asLong().orElse(30L);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("stranded-run-sweeper").factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                recover.recover();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stranded-run sweep failed; trying again in " + interval + " s", e);
            }
        }, interval, interval, TimeUnit.SECONDS);
        closer.register(() -> {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        });
    }
}
