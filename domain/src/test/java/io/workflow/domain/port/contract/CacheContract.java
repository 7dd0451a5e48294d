package io.workflow.domain.port.contract;

import io.workflow.domain.port.Cache;
import io.workflow.domain.run.Run;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every run {@link Cache} must do; one subclass per implementation. */
public abstract class CacheContract {

    protected abstract Cache<Run> cache();

    @Test
    void putValue_isReturnedWithEveryField_untilEvicted() {
        Run run = Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());
        cache().put(run.id(), run, Duration.ofSeconds(10));

        assertThat(cache().get(run.id())).contains(run);
        cache().evict(run.id());
        assertThat(cache().get(run.id())).isEmpty();
    }

    @Test
    void entry_expiresAfterItsTtl() throws InterruptedException {
        Run run = Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());
        cache().put(run.id(), run, Duration.ofMillis(1100));
        assertThat(cache().get(run.id())).isPresent();

        Thread.sleep(2100);

        assertThat(cache().get(run.id())).isEmpty();
    }

    @Test
    void putIfAbsent_keepsALiveEntry_andFillsAMissingOne() {
        Run newer = Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());
        Run older = Fixtures.pendingRun(newer.id(), Fixtures.now().minusSeconds(60));
        cache().put(newer.id(), newer, Duration.ofSeconds(10));

        cache().putIfAbsent(newer.id(), older, Duration.ofSeconds(10));
        assertThat(cache().get(newer.id())).contains(newer);

        cache().evict(newer.id());
        cache().putIfAbsent(newer.id(), older, Duration.ofSeconds(10));
        assertThat(cache().get(newer.id())).contains(older);
        cache().evict(newer.id());
    }

    @Test
    void unknownId_isAMiss() {
        assertThat(cache().get(UUID.randomUUID())).isEmpty();
    }
}
