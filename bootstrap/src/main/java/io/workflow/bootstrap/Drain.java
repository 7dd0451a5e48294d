package io.workflow.bootstrap;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerFeature;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * How a replica leaves without failing a request. On SIGTERM it starts draining: readiness answers
 * 503 and every response carries {@code Connection: close}, so a proxy stops reusing its keep-alive
 * connections to this replica, while requests are still served; after {@code delay} the server stops:
 * the listener closes (a new connection is refused, which nginx may retry on another replica for any
 * method, since nothing was sent) and the requests in flight get the server's shutdown grace period
 * to finish. As a server feature it adds the {@code Connection: close} filter to every route.
 */
final class Drain implements ServerFeature {
    private static final Logger LOG = Logger.getLogger(Drain.class.getName());

    private final Duration delay;
    private final AtomicBoolean draining = new AtomicBoolean();

    Drain(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the drain delay must not be negative, not " + delay);
        }
        this.delay = delay;
    }

    /** A readiness check: up until draining begins. */
    BooleanSupplier accepting() {
        return () -> !draining.get();
    }

    /** Turns readiness down and closes connections after each response, then waits the delay; once only. */
    void begin() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        LOG.info(() -> "draining: readiness down, connections closed after each response; the listener closes in "
                + delay.toMillis() + " ms");
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void setup(ServerFeatureContext context) {
        // Decided as the response's head is written, not as the request arrives: a request that began
        // just before the drain (readiness among them) must still close its connection.
        context.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting().addFilter((chain, req, res) -> {
            res.beforeSend(() -> {
                if (draining.get()) {
                    res.header(HeaderValues.CONNECTION_CLOSE);
                }
            });
            chain.proceed();
        });
    }

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public String type() {
        return "drain";
    }
}
