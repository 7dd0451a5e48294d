package io.workflow.perf.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.workflow.perf.http.ErrorKind;
import io.workflow.perf.http.HttpConnection;
import io.workflow.perf.http.RequestFailure;
import io.workflow.perf.http.Response;
import io.workflow.perf.load.JsonFields;
import io.workflow.perf.load.Target;
import io.workflow.perf.load.TriggeredRun;

/**
 * The seed flow's runs at a fixed rate: one trigger every 1/rate seconds (open loop, at most {@code maxInFlight}
 * unanswered; later ones are counted as not sent), and a follower that reads every accepted run until it is terminal
 * (at most one poll interval apart, see {@link FollowedRun}). Each request counts in the window current when it was
 * sent.
 */
final class SteadyTraffic implements AutoCloseable {

    /** How often the follower looks for runs due for a read. */
    private static final Duration FOLLOW_TICK = Duration.ofMillis(250);

    private final Target target;
    private final String workflowId;
    private final TrafficSettings settings;
    private final Semaphore inFlight;
    private final BlockingQueue<HttpConnection> idle;
    private final Set<FollowedRun> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Window window;
    private volatile boolean triggering = true;
    private volatile boolean following = true;
    private Thread scheduler;
    private Thread follower;

    /** Rate, bounds and timeouts of the traffic. */
    record TrafficSettings(double rate, int maxInFlight, Duration requestTimeout, Duration connectTimeout,
                           Duration pollInterval, int pollConnections) {
    }

    SteadyTraffic(Target target, String workflowId, TrafficSettings settings) {
        this.target = target;
        this.workflowId = workflowId;
        this.settings = settings;
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.idle = new ArrayBlockingQueue<>(settings.maxInFlight());
    }

    void start(Window first) {
        window = first;
        scheduler = Thread.ofVirtual().name("faults-trigger").start(this::triggerLoop);
        follower = Thread.ofVirtual().name("faults-follow").start(this::followLoop);
    }

    /** From now on, requests count in {@code next}; the window before it ends. */
    void switchTo(Window next) {
        Window previous = window;
        window = next;
        previous.close();
    }

    /** The accepted runs not yet seen terminal. */
    List<FollowedRun> openRuns() {
        return List.copyOf(open);
    }

    /** Stops triggering and waits (bounded by the request timeout) for the triggers still unanswered. */
    void stopTriggers() throws InterruptedException {
        triggering = false;
        scheduler.join(settings.requestTimeout().toMillis() + 1_000);
        if (inFlight.tryAcquire(settings.maxInFlight(), settings.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
            inFlight.release(settings.maxInFlight());
        }
    }

    /**
     * Waits until every run accepted before {@code acceptedBefore} is terminal, or {@code deadline} passes; true when
     * none of them is left open.
     */
    boolean awaitEnded(Instant acceptedBefore, Instant deadline) throws InterruptedException {
        while (anyOpen(acceptedBefore) && Instant.now().isBefore(deadline)) {
            Thread.sleep(Math.min(250, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
        return !anyOpen(acceptedBefore);
    }

    private boolean anyOpen(Instant acceptedBefore) {
        return open.stream().anyMatch(run -> run.acceptedAt().isBefore(acceptedBefore));
    }

    @Override
    public void close() throws InterruptedException {
        triggering = false;
        following = false;
        if (follower != null) {
            follower.join(settings.requestTimeout().toMillis() + FOLLOW_TICK.toMillis() + 1_000);
        }
        for (HttpConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
        window.close();
    }

    private void triggerLoop() {
        long period = (long) (1e9 / settings.rate());
        long next = System.nanoTime();
        while (triggering) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += period;
            Window current = window;
            if (!inFlight.tryAcquire()) {
                current.notSent();
                continue;
            }
            long n = sequence.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                try {
                    trigger(current, n);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    private void trigger(Window current, long n) {
        HttpConnection connection = idle.poll();
        if (connection == null) {
            connection = target.connect(settings.connectTimeout().toNanos());
        }
        byte[] body = ("{\"workflow_id\":\"" + workflowId + "\",\"payload\":{\"fault_suite_seq\":" + n + "}}")
                .getBytes(StandardCharsets.UTF_8);
        current.sent();
        try {
            Response response = connection.exchange("POST", target.resolve("/api/v1/trigger"), body, deadline());
            String runId = response.isSuccess() ? field(response, "run_id") : null;
            if (runId != null) {
                FollowedRun run = new FollowedRun(runId, Instant.now());
                current.accepted(run);
                open.add(run);
            } else {
                current.error(Window.Request.TRIGGER, kindOf(response));
            }
        } catch (RequestFailure failure) {
            current.error(Window.Request.TRIGGER, failure.kind().label());
            if (mayHaveArrived(failure.kind())) {
                current.unknownOutcome();
            }
        } finally {
            if (!idle.offer(connection)) {
                connection.close();
            }
        }
    }

    /** A failure after the request could have reached the service. */
    private static boolean mayHaveArrived(ErrorKind kind) {
        return kind != ErrorKind.CONNECTION_REFUSED && kind != ErrorKind.CONNECT_TIMEOUT;
    }

    private void followLoop() {
        List<HttpConnection> connections = new ArrayList<>();
        for (int i = 0; i < settings.pollConnections(); i++) {
            connections.add(target.connect(settings.connectTimeout().toNanos()));
        }
        try {
            while (following) {
                long roundStart = System.nanoTime();
                Instant now = Instant.now();
                ConcurrentLinkedQueue<FollowedRun> queue = new ConcurrentLinkedQueue<>(
                        open.stream().filter(run -> run.isDue(now)).toList());
                List<Thread> readers = new ArrayList<>();
                for (HttpConnection connection : connections) {
                    readers.add(Thread.ofVirtual().start(() -> {
                        for (FollowedRun run = queue.poll(); run != null && following; run = queue.poll()) {
                            read(connection, run);
                        }
                    }));
                }
                for (Thread reader : readers) {
                    reader.join();
                }
                long sleep = roundStart + FOLLOW_TICK.toNanos() - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }

    private void read(HttpConnection connection, FollowedRun run) {
        Window current = window;
        current.sent();
        run.read(Instant.now(), settings.pollInterval());
        try {
            Response response = connection.exchange("GET", target.resolve("/api/v1/runs/" + run.runId()), null, deadline());
            if (!response.isSuccess()) {
                current.error(Window.Request.READ, kindOf(response));
                return;
            }
            Map<String, String> fields = JsonFields.read(response.body(), "status", "completed_at");
            run.observe(fields.get("status"), TriggeredRun.timestamp(fields.get("completed_at")), Instant.now());
            if (run.isTerminal()) {
                open.remove(run);
            }
        } catch (RequestFailure failure) {
            current.error(Window.Request.READ, failure.kind().label());
        } catch (IOException notJson) {
            current.error(Window.Request.READ, ErrorKind.UNEXPECTED_RESPONSE.label());
        }
    }

    private long deadline() {
        return System.nanoTime() + settings.requestTimeout().toNanos();
    }

    /** {@code HTTP 502}, or "unexpected response" for a 2xx without the field the flow needs. */
    static String kindOf(Response response) {
        return response.isSuccess() ? ErrorKind.UNEXPECTED_RESPONSE.label() : "HTTP " + response.status();
    }

    private static String field(Response response, String name) {
        try {
            String value = JsonFields.read(response.body(), name).get(name);
            return value == null || value.isBlank() ? null : value;
        } catch (IOException notJson) {
            return null;
        }
    }
}
