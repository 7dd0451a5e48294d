package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Cuts off a client that is too slow to send a request: it has {@link ClientLimits#headerTimeout()}
 * from the end of the request line to the end of the headers, then {@link ClientLimits#bodyTimeout()}
 * from the moment the request is routed (it holds its API permit) to the end of the body.
 * <p>
 * Helidon reads each HTTP/1 connection with blocking reads on the connection's own virtual thread
 * and has no read timeout of its own. This class hears the request line and the headers as the
 * connection reads them (an HTTP/1 receive listener, called on the connection's thread), marks the
 * body's start as a filter on the same thread, and keeps one deadline per connection; a watchdog
 * interrupts the thread of a connection whose deadline has passed. Interrupting a virtual thread
 * blocked on a socket closes the socket, so the read fails, the request ends like one whose client
 * went away, and what it held (its API permit, its connection) is freed. The body deadline stops
 * when Helidon reports the request's content consumed, not when the handler ends, so a slow
 * database never counts against the client. A request line that never ends is left to the
 * listener's {@code idle-connection-timeout}.
 * <p>
 * Register the filter after {@link ApiConcurrencyLimit}: waiting for a permit is not the client's delay.
 */
final class ReadDeadlines implements Http1ConnectionListener, Filter {
    private static final Logger LOG = Logger.getLogger(ReadDeadlines.class.getName());
    private static final Duration FINEST_TICK = Duration.ofMillis(20);
    private static final Duration COARSEST_TICK = Duration.ofSeconds(1);

    private enum Phase { IDLE, HEADERS, ROUTING, BODY, HANDLING, CUT }

    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Duration tick;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watch> current = ThreadLocal.withInitial(this::watchCurrentThread);
    private volatile Thread watchdog;

    ReadDeadlines(ClientLimits limits) {
        headerTimeout = limits.headerTimeout();
        bodyTimeout = limits.bodyTimeout();
        Duration tenth = (headerTimeout.compareTo(bodyTimeout) < 0 ? headerTimeout : bodyTimeout).dividedBy(10);
        tick = tenth.compareTo(FINEST_TICK) < 0 ? FINEST_TICK : tenth.compareTo(COARSEST_TICK) > 0 ? COARSEST_TICK : tenth;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        current.get().arm(Phase.HEADERS, headerTimeout, null);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Watch watch = current.get();
        watch.expectsBody = hasBody(headers);
        watch.phase = Phase.ROUTING;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Watch watch = current.get();
        if (watch.phase == Phase.ROUTING) {
            if (watch.expectsBody) {
                watch.arm(Phase.BODY, bodyTimeout, req);
            } else {
                watch.phase = Phase.HANDLING;
            }
        }
        try {
            chain.proceed();
        } finally {
            // A body the handler left unread is read (drained) by Helidon after the routing: its
            // deadline keeps running until then.
            if (watch.phase == Phase.HANDLING || watch.phase == Phase.BODY && req.content().consumed()) {
                watch.arm(Phase.IDLE, null, null);
            }
        }
    }

    @Override
    public void beforeStart() {
        watchdog = Thread.ofVirtual().name("http-read-deadlines").start(this::watch);
    }

    @Override
    public void afterStop() {
        Thread running = watchdog;
        if (running != null) {
            running.interrupt();
        }
    }

    private Watch watchCurrentThread() {
        Watch watch = new Watch(Thread.currentThread());
        watches.add(watch);
        return watch;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(tick);
                long now = System.nanoTime();
                for (Watch watch : watches) {
                    if (!watch.thread.isAlive()) {
                        watches.remove(watch);
                    } else if (watch.overdue(now)) {
                        cut(watch);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cut(Watch watch) {
        Phase phase = watch.phase;
        watch.phase = Phase.CUT;
        LOG.fine(() -> "a client took longer than " + (phase == Phase.HEADERS ? headerTimeout + " to send a request's headers"
                : bodyTimeout + " to send a request's body") + "; its connection is closed");
        watch.thread.interrupt();
    }

    private static boolean hasBody(Headers headers) {
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        try {
            return headers.contentLength().orElse(0) > 0;
        } catch (RuntimeException e) {
            return true; // Helidon refuses the request itself
        }
    }

    /** One connection: its thread, what it is reading and until when. Written by that thread only, but for a cut. */
    private static final class Watch {
        final Thread thread;
        volatile Phase phase = Phase.IDLE;
        volatile long deadline;
        volatile ServerRequest request;
        boolean expectsBody;

        Watch(Thread thread) {
            this.thread = thread;
        }

        void arm(Phase next, Duration timeout, ServerRequest reading) {
            if (timeout != null) {
                deadline = System.nanoTime() + timeout.toNanos();
            }
            request = reading;
            phase = next;
        }

        boolean overdue(long now) {
            Phase reading = phase;
            if (reading != Phase.HEADERS && reading != Phase.BODY || now - deadline < 0) {
                return false;
            }
            ServerRequest body = request;
            return reading == Phase.HEADERS || body == null || !body.content().consumed();
        }
    }
}
