package io.workflow.bootstrap.telemetry;

import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Step types by workflow version: kept from the workflow cache's traffic, else read through it first, each version once. */
class StepTypesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicInteger storeReads = new AtomicInteger();
    private final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository();
    private final InMemoryCache<Workflow> cache = new InMemoryCache<>(Clock.systemUTC(), 100);
    private final StepTypes types = new StepTypes(counting(workflows), cache);
    private final Workflow first = new Workflow(UUID.randomUUID(), null, "typed", null,
            List.of(new DelayStep("wait", Duration.ofSeconds(1))), T0);

    @Test
    void theCachedVersion_isReadFromTheCache_notTheStore_andOnlyOnce() {
        workflows.save(first);
        cache.put(first.uuid(), first, Duration.ofMinutes(1));

        assertThat(types.typeOf(first.uuid(), 1, "wait")).isEqualTo("delay");
        assertThat(types.typeOf(first.uuid(), 1, "wait")).isEqualTo("delay");
        assertThat(storeReads).hasValue(0);
    }

    @Test
    void aWorkflowThatPassedThroughTheRememberingCache_isNotReadAgain() {
        workflows.save(first);
        types.remembering(cache).putIfAbsent(first.uuid(), first, Duration.ofMinutes(1));
        cache.evict(first.uuid()); // neither the cache nor the store has to answer now

        assertThat(types.typeOf(first.uuid(), 1, "wait")).isEqualTo("delay");
        assertThat(storeReads).hasValue(0);
    }

    @Test
    void aWorkflowReadThroughTheRememberingCache_isKeptAsTheVersionItIs() {
        workflows.save(first);
        cache.put(first.uuid(), first, Duration.ofMinutes(1));
        assertThat(types.remembering(cache).get(first.uuid())).contains(first);
        cache.evict(first.uuid());

        assertThat(types.typeOf(first.uuid(), 1, "wait")).isEqualTo("delay");
        assertThat(types.typeOf(first.uuid(), 2, "wait")).as("a version never seen is read from the store").isEqualTo("unknown");
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void aVersionOtherThanTheCachedOne_isReadFromTheStore() {
        workflows.save(first);
        Workflow second = new Workflow(first.uuid(), null, "typed", null,
                List.of(new DelayStep("pause", Duration.ofSeconds(1))), T0);
        Workflow stored = workflows.revise(second, T0.plusSeconds(1)).orElseThrow();
        cache.put(first.uuid(), stored, Duration.ofMinutes(1));

        assertThat(types.typeOf(first.uuid(), 1, "wait")).isEqualTo("delay");
        assertThat(types.typeOf(first.uuid(), 1, "pause")).isEqualTo("unknown");
        assertThat(types.typeOf(first.uuid(), 2, "pause")).isEqualTo("delay");
        assertThat(storeReads).hasValue(1);
    }

    /** The repository, its reads of workflows counted. */
    private WorkflowRepository counting(WorkflowRepository repository) {
        return (WorkflowRepository) Proxy.newProxyInstance(WorkflowRepository.class.getClassLoader(),
                new Class<?>[] {WorkflowRepository.class}, (proxy, method, arguments) -> {
                    if (method.getName().startsWith("find")) {
                        storeReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(repository, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
