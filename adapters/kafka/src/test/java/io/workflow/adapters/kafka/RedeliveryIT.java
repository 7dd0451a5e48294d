package io.workflow.adapters.kafka;

import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryRunRepository;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.application.ExecuteRun;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.service.CacheAside;
import io.workflow.application.service.ExecuteRunService;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Workflow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.workflow.adapters.kafka.TestBroker.await;
import static io.workflow.adapters.kafka.TestBroker.committedToTheEnd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trigger event delivered twice, with the real {@link ExecuteRun} over the in-memory stores: the
 * run is executed once and announced once, whichever way the second delivery comes about.
 */
class RedeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository();
    private final InMemoryRunRepository runs = new InMemoryRunRepository();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private KafkaSettings settings;
    private KafkaCompletionPublisher completions;
    private ExecuteRun executeRun;

    @BeforeAll
    static void broker() {
        TestBroker.requireReachable();
    }

    @AfterEach
    void cleanUp() {
        if (completions != null) {
            completions.close();
        }
        TestBroker.remove(settings);
    }

    @Test
    void givenTheSameTriggerPublishedTwice_run_succeedsExactlyOnce() throws Exception {
        useBroker("twice");
        Run run = storedRun(Duration.ofMillis(800));
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings)) {
            dispatcher.dispatch(run);
            dispatcher.dispatch(run);
        }

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, this::execute)) {
            await(WAIT, "both deliveries handled", () -> outcomes.size() == 2);
            await(WAIT, "offsets committed to the end", () -> committedToTheEnd(settings));
        }

        assertThat(outcomes).containsOnlyOnce(Outcome.EXECUTED);
        assertThat(outcomes).hasSize(2).allMatch(o -> o == Outcome.EXECUTED || o == Outcome.HELD_ELSEWHERE
                || o == Outcome.ALREADY_FINISHED);
        assertThat(runs.findById(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertExactlyOneCompletion(run);
    }

    @Test
    void givenAWorkerClosedBeforeItsRunFinished_itHandsTheRunBack_andASecondWorkerFinishesItWithoutWaitingForTheLease()
            throws Exception {
        useBroker("handover");
        Run run = storedRun(Duration.ofSeconds(3));
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings)) {
            dispatcher.dispatch(run);
        }
        KafkaRunWorker first = KafkaRunWorker.start(settings, this::execute,
                KafkaRunWorker.Options.DEFAULTS.retry(RetryBackoff.DEFAULT, Duration.ofMillis(200)));
        await(WAIT, "the first worker claimed the run",
                () -> runs.findById(run.id()).orElseThrow().status() == RunStatus.RUNNING);

        // Shutdown grace (200 ms) ends long before the run (3 s): the run is interrupted and handed back,
        // its offset not committed.
        first.close();
        assertThat(TestBroker.committed(settings).values()).containsOnly(0L);
        Run handedBack = runs.findById(run.id()).orElseThrow();
        assertThat(handedBack.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(handedBack.isClaimable(clock.instant())).as("the 30 s lease ended when handed back").isTrue();

        try (KafkaRunWorker second = KafkaRunWorker.start(settings, this::execute)) {
            await(WAIT, "the redelivered trigger handled and the run finished", () -> outcomes.size() == 2
                    && runs.findById(run.id()).orElseThrow().status().isTerminal());
            await(WAIT, "offsets committed to the end", () -> committedToTheEnd(settings));
        }

        assertThat(outcomes).containsExactly(Outcome.INTERRUPTED, Outcome.EXECUTED);
        assertThat(runs.findById(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertExactlyOneCompletion(run);
    }

    private void useBroker(String name) {
        settings = TestBroker.freshSettings("redelivery-" + name, 3);
        completions = new KafkaCompletionPublisher(settings);
        // Delay steps just sleep here, held by the worker (never parked on a durable timer): this test
        // is about delivery, not about steps.
        executeRun = new ExecuteRunService(workflows, CacheAside.forWorkflows(new InMemoryCache<>(clock, 100)), runs, (step, context) -> {
            try {
                Thread.sleep(((DelayStep) step).duration());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StepOutcome.Failed("interrupted", null);
            }
            return new StepOutcome.Succeeded(Map.of());
        }, completions, CacheAside.forRuns(new InMemoryCache<>(clock, 100)), clock,
                ExecuteRunService.Timing.ofLease(Duration.ofSeconds(30)).sleepingAtMost(Duration.ofSeconds(10)));
    }

    private Run storedRun(Duration delay) {
        Instant now = clock.instant();
        Workflow workflow = new Workflow(UUID.randomUUID(), null, "wait", null, List.of(new DelayStep("wait", delay)), now);
        workflows.save(workflow);
        Run run = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of("user_id", 1), now);
        runs.insert(run);
        return run;
    }

    private Outcome execute(UUID runId) {
        Outcome outcome = executeRun.execute(runId);
        outcomes.add(outcome);
        return outcome;
    }

    private void assertExactlyOneCompletion(Run run) throws Exception {
        Thread.sleep(500); // time for a second, wrong completion to arrive
        List<ConsumerRecord<String, byte[]>> completed = TestBroker.readAll(settings.completedTopic());
        assertThat(completed).hasSize(1);
        assertThat(completed.getFirst().key()).isEqualTo(run.id().toString());
        assertThat(EventJson.read(completed.getFirst().value()).get("status").asText()).isEqualTo("success");
    }
}
