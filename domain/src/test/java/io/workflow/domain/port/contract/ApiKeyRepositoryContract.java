package io.workflow.domain.port.contract;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.port.ApiKeyRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ApiKeyRepository} must do; one subclass per implementation. */
public abstract class ApiKeyRepositoryContract {

    protected abstract ApiKeyRepository repository();

    private static ApiKey key(Set<Scope> scopes) {
        Instant now = Fixtures.now();
        return new ApiKey(TimeOrderedIds.next(now), "acme", scopes, "ci", UUID.randomUUID().toString().repeat(2), now, null);
    }

    @Test
    void insertedKey_isFoundByItsHash_withEveryField_andListed() {
        ApiKey key = key(Set.of(Scope.RUNS_READ, Scope.RUNS_TRIGGER));
        repository().insert(key);

        assertThat(repository().findByHash(key.hash())).contains(key);
        assertThat(repository().list()).contains(key);
        assertThat(repository().findByHash(key.hash() + "0")).isEmpty();
    }

    @Test
    void aSecondKeyWithTheSameHash_isRefused() {
        ApiKey key = key(Set.of(Scope.ADMIN));
        repository().insert(key);
        ApiKey twin = new ApiKey(TimeOrderedIds.next(Fixtures.now()), "other", Set.of(Scope.RUNS_READ), "", key.hash(),
                Fixtures.now(), null);

        assertThatThrownBy(() -> repository().insert(twin)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void revoke_marksTheKeyOnce_andKeepsTheFirstTime() {
        ApiKey key = key(Set.of(Scope.WORKFLOWS_READ));
        repository().insert(key);
        Instant first = Fixtures.now();

        ApiKey revoked = repository().revoke(key.id(), first).orElseThrow();
        ApiKey again = repository().revoke(key.id(), first.plusSeconds(60)).orElseThrow();

        assertThat(revoked.revokedAt()).isEqualTo(first);
        assertThat(again.revokedAt()).isEqualTo(first);
        assertThat(repository().findByHash(key.hash()).orElseThrow().isRevoked()).isTrue();
        assertThat(repository().revoke(UUID.randomUUID(), first)).isEmpty();
    }
}
