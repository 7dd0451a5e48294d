package io.workflow.bootstrap.stack;

import io.workflow.bootstrap.fuzz.FuzzCheck;
import io.workflow.bootstrap.fuzz.FuzzRequest;
import io.workflow.bootstrap.fuzz.FuzzRequests;
import io.workflow.bootstrap.fuzz.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz test's generated requests (see {@code HttpFuzzTest}) through nginx to the whole stack:
 * none may answer 5xx, drop the connection or time out, every run a trigger accepted must read back,
 * and every page of them must list. {@code -Dfuzz.requests} sets how many (2,000 by default;
 * the target is 0 failures in 100,000), {@code -Dfuzz.threads} over how many connections.
 */
class HttpFuzzIT {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);
    private static final int THREADS = Integer.getInteger("fuzz.threads", 4);
    private static final int KEPT_VIOLATIONS = 20;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // 100,000 requests take a while; 2,000 about a minute
    void generatedRequestsThroughNginx_neverAnswer5xx_dropOrTimeOut() throws Exception {
        String workflowId = new StackClient().createWorkflow("fuzz",
                List.of(Map.of("name", "tick", "type", "delay", "config", Map.of("duration", 0.001))));
        URI base = URI.create(System.getenv("WORKFLOW_STACK_URL"));
        String host = base.getHost() + ":" + base.getPort();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // One generator for all threads (jqwik's sampling is not thread-safe), each request taken under its lock.
        String credentials = StackClient.credentialHeaders();
        Iterator<FuzzRequest> requests = new FuzzRequests(host, workflowId, credentials).requests().sampleStream().limit(REQUESTS).iterator();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
                        FuzzCheck check = new FuzzCheck(http, host, credentials);
                        for (FuzzRequest request = next(requests); request != null; request = next(requests)) {
                            String violation = check.violation(request);
                            sent.incrementAndGet();
                            if (violation != null) {
                                failed.incrementAndGet();
                                if (violations.size() < KEPT_VIOLATIONS) {
                                    violations.add(violation + "\n  for " + request);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz through nginx: %d requests in %.1f s (%.0f/s), %d answered 5xx, dropped or timed out%n",
                sent.get(), seconds, sent.get() / seconds, failed.get());

        assertThat(sent.get()).isEqualTo(REQUESTS);
        assertThat(violations).as("%d of %d requests failed", failed.get(), sent.get()).isEmpty();
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            FuzzCheck check = new FuzzCheck(http, host, credentials);
            assertThat(check.walkRuns(workflowId, 10_000)).isNull();
            assertThat(check.readBack("/health")).isNull();
        }
    }

    private static FuzzRequest next(Iterator<FuzzRequest> requests) {
        synchronized (requests) {
            return requests.hasNext() ? requests.next() : null;
        }
    }
}
