package io.workflow.adapters.postgres;

import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresStoreIT {

    @Test
    void reachablePostgres_pingAnswersTrue() {
        try (PostgresStore store = PostgresTestDatabase.openStore()) {
            assertThat(store.ping()).isTrue();
        }
    }

    @Test
    void throughPgBouncer_sameStatementsRepeatedOnEveryConnection_keepWorking() throws Exception {
        PostgresSettings settings = PostgresTestDatabase.settings();
        try (PostgresStore store = PostgresTestDatabase.openStore()) {
            if (settings.port() != settings.directPort()) {
                // PostgreSQL sees a connection on a port other than the one we dialled: a pooler is in between.
                Object serverPort = store.dbClient().execute().get("SELECT inet_server_port() AS port")
                        .orElseThrow().column("port").get();
                assertThat(serverPort).isNotEqualTo(settings.port());
            }
            Workflow workflow = Fixtures.workflow();
            store.workflows().save(workflow);
            Run run = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
            store.runs().insert(run);

            // Far past pgjdbc's default prepareThreshold (5) on each pooled connection: prepared statements
            // behind a transaction pooler would answer "prepared statement S_n does not exist", so this
            // fails when POSTGRES_PREPARED_STATEMENTS does not match the pooler in between.
            List<Callable<Boolean>> reads = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                reads.add(() -> store.runs().findById(run.id()).isPresent()
                        && store.workflows().findById(workflow.uuid()).isPresent());
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
                for (Future<Boolean> read : pool.invokeAll(reads)) {
                    assertThat(read.get()).isTrue();
                }
            }
        }
    }

    @Test
    void unreachablePostgres_pingAnswersFalse_withinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresSettings settings = new PostgresSettings("127.0.0.1", closedPort, "workflow", "workflow", "workflow",
                false, 2, "127.0.0.1", closedPort, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
        try (PostgresStore store = PostgresStore.open(settings)) {
            long start = System.nanoTime();

            assertThat(store.ping()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
