package io.workflow.adapters.postgres;

import io.workflow.domain.port.StoreUnavailableException;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.testing.TcpProxy;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL (or PgBouncer) restarting, played by a TCP proxy between the pool and the server that
 * the test cuts: every pooled connection drops, new ones are refused. A blink shorter than the retry
 * budget costs no statement an error; a longer outage ends in the port's StoreUnavailableException
 * within a bound, and the store works again as soon as the server is back.
 */
class PostgresOutageIT {
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(3);
    private static final Duration BLINK = Duration.ofMillis(700);

    @Test
    void serverBlinkingShorterThanTheBudget_everyStatementSucceeds() throws Exception {
        try (TcpProxy proxy = proxy(); PostgresStore store = PostgresStore.open(settingsThrough(proxy))) {
            Workflow workflow = Fixtures.workflow();
            store.workflows().save(workflow);
            Run stored = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
            store.runs().insert(stored);

            List<Callable<Object>> statements = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statements.add(() -> store.runs().findById(stored.id()).orElseThrow());
                statements.add(() -> store.workflows().findById(workflow.uuid()).orElseThrow());
                statements.add(() -> {
                    Run run = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
                    store.runs().insert(run);
                    return store.runs().findById(run.id()).orElseThrow();
                });
            }
            proxy.cut();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Object>> results = new ArrayList<>();
                for (Callable<Object> statement : statements) {
                    results.add(clients.submit(statement));
                }
                Thread.sleep(BLINK);
                proxy.restore();
                for (Future<Object> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isNotNull();
                }
            }
            Instant now = Fixtures.now();
            proxy.cut();
            Thread.ofVirtual().start(() -> restoreAfter(proxy, BLINK));
            assertThat(store.runs().compareAndSet(stored, stored.claim(now, now.plusSeconds(60)))).isTrue();
            assertThat(store.runs().findById(stored.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }
    }

    @Test
    void serverDownLongerThanTheBudget_statementsFailAsStoreUnavailable_thenWorkAgain() throws Exception {
        try (TcpProxy proxy = proxy(); PostgresStore store = PostgresStore.open(settingsThrough(proxy))) {
            Workflow workflow = Fixtures.workflow();
            store.workflows().save(workflow);
            proxy.cut();

            long start = System.nanoTime();
            assertThatThrownBy(() -> store.workflows().findById(workflow.uuid()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("PostgreSQL is unavailable");
            assertThatThrownBy(() -> store.runs().insert(Fixtures.pendingRun(workflow.uuid(), Fixtures.now())))
                    .isInstanceOf(StoreUnavailableException.class);
            // Each: the budget, plus at most one pool wait (1 s) begun just before it ended.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RETRY_BUDGET.plusSeconds(2).multipliedBy(2));
            assertThat(store.ping()).isFalse();

            proxy.restore();
            assertThat(store.workflows().findById(workflow.uuid())).isPresent();
        }
    }

    private static TcpProxy proxy() throws Exception {
        PostgresSettings real = PostgresTestDatabase.settings();
        PostgresTestDatabase.openStore().close(); // migrated, through the real port
        return new TcpProxy(real.host(), real.port());
    }

    /** The test database's settings, reached through the proxy, with a short pool wait so an outage shows fast. */
    private static PostgresSettings settingsThrough(TcpProxy proxy) {
        PostgresSettings real = PostgresTestDatabase.settings();
        return new PostgresSettings("127.0.0.1", proxy.port(), real.database(), real.user(), real.password(),
                real.preparedStatements(), 4, real.directHost(), real.directPort(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                RETRY_BUDGET);
    }

    private static void restoreAfter(TcpProxy proxy, Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            proxy.restore();
        }
    }
}
