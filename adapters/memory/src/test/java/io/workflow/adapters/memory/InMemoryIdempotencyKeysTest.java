package io.workflow.adapters.memory;

import io.workflow.domain.port.IdempotencyKeys;
import io.workflow.domain.port.contract.IdempotencyKeysContract;

class InMemoryIdempotencyKeysTest extends IdempotencyKeysContract {
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();

    @Override
    protected IdempotencyKeys keys() {
        return keys;
    }
}
