package io.workflow.adapters.memory;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.contract.CacheContract;
import io.workflow.domain.run.Run;

import java.time.Clock;

class InMemoryCacheTest extends CacheContract {
    private final InMemoryCache<Run> cache = new InMemoryCache<>(Clock.systemUTC(), 1000);

    @Override
    protected Cache<Run> cache() {
        return cache;
    }
}
