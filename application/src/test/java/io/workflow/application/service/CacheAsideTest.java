package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cache-aside reads: what a reader that missed puts back never replaces what a writer cached meanwhile. */
class CacheAsideTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryCache<Workflow> cache = new InMemoryCache<>(Clock.systemUTC(), 100);
    private final CacheAside<Workflow> workflows = CacheAside.forWorkflows(cache);
    private final Workflow first = new Workflow(UUID.randomUUID(), null, "versioned", null,
            List.of(new DelayStep("wait", Duration.ofSeconds(1))), T0);
    private final Workflow second = first.asVersion(2);

    @Test
    void aReaderThatMissed_doesNotPutBackAnOlderVersion_thanAWriterCachedDuringItsLoad() {
        Optional<Workflow> read = workflows.read(first.uuid(), uuid -> {
            // The store answered version 1; before the reader caches it, a PUT stores and caches version 2.
            workflows.written(uuid, second);
            return Optional.of(first);
        });

        assertThat(read).contains(first);
        assertThat(cache.get(first.uuid())).contains(second);
        assertThat(workflows.read(first.uuid(), uuid -> Optional.of(first))).contains(second);
    }

    @Test
    void aReaderThatMissed_cachesWhatItLoaded() {
        assertThat(workflows.read(first.uuid(), uuid -> Optional.of(first))).contains(first);
        assertThat(cache.get(first.uuid())).contains(first);
    }
}
