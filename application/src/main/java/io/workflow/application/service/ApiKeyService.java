package io.workflow.application.service;

import io.workflow.application.CreateApiKey;
import io.workflow.application.ListApiKeys;
import io.workflow.application.RevokeApiKey;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.port.ApiKeyRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Issues, lists and revokes API keys. */
public final class ApiKeyService implements CreateApiKey, ListApiKeys, RevokeApiKey {
    private final ApiKeyRepository keys;
    private final Clock clock;
    private final ApiKeySecrets secrets = new ApiKeySecrets();

    public ApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Issued create(Command command) {
        String secret = secrets.newKey();
        ApiKey key = new ApiKey(TimeOrderedIds.next(clock.instant()), command.tenant(), command.scopes(), command.name(),
                ApiKeySecrets.hash(secret), clock.instant(), null);
        keys.insert(key);
        return new Issued(key, secret);
    }

    @Override
    public List<ApiKey> list() {
        return keys.list();
    }

    @Override
    public ApiKey revoke(UUID id) {
        return keys.revoke(id, clock.instant()).orElseThrow(() -> new NotFoundException("API key", id));
    }
}
