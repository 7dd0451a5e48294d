package io.workflow.domain.port.contract;

import io.workflow.domain.idempotency.ClaimOutcome;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.KeyClaim;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.port.IdempotencyKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link IdempotencyKeys} store must do; one subclass per implementation. */
public abstract class IdempotencyKeysContract {
    private static final Duration LOCK = Duration.ofSeconds(60);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final RecordedResponse ANSWER = new RecordedResponse(200,
            Map.of("Content-Type", "application/json", "Location", "/api/v1/runs/1"), "{\"run_id\":\"1\"}");

    protected abstract IdempotencyKeys keys();

    /** A key no other test (nor an earlier run of the suite against the same store) has used. */
    private static IdempotencyKey freshKey() {
        return new IdempotencyKey("contract-" + UUID.randomUUID(), "key-" + UUID.randomUUID());
    }

    private static KeyClaim claim(IdempotencyKey key, String fingerprint, Instant at) {
        return new KeyClaim(key, fingerprint, UUID.randomUUID(), at, at.plus(LOCK), at.plus(RETENTION));
    }

    @Test
    void unknownKey_isAcquired_thenTheSameRequestFindsItInFlight() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();

        assertThat(keys().claim(claim(key, "fp", now))).isInstanceOf(ClaimOutcome.Acquired.class);
        assertThat(keys().claim(claim(key, "fp", now.plusSeconds(1)))).isInstanceOf(ClaimOutcome.InFlight.class);
    }

    @Test
    void completedKey_givesTheRecordedAnswer_toTheSameRequest() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        KeyClaim first = claim(key, "fp", now);
        keys().claim(first);

        assertThat(keys().complete(key, first.token(), ANSWER)).isTrue();

        assertThat(keys().claim(claim(key, "fp", now.plusSeconds(5)))).isEqualTo(new ClaimOutcome.Completed(ANSWER));
    }

    @Test
    void keyOfAnotherRequest_isAMismatch_whetherInFlightOrCompleted() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        KeyClaim first = claim(key, "fp-a", now);
        keys().claim(first);

        assertThat(keys().claim(claim(key, "fp-b", now))).isInstanceOf(ClaimOutcome.Mismatch.class);
        keys().complete(key, first.token(), ANSWER);
        assertThat(keys().claim(claim(key, "fp-b", now))).isInstanceOf(ClaimOutcome.Mismatch.class);
    }

    @Test
    void scopes_keepTheSameKeyApart() {
        Instant now = Fixtures.now();
        String shared = "key-" + UUID.randomUUID();
        IdempotencyKey mine = new IdempotencyKey("scope-a-" + UUID.randomUUID(), shared);
        IdempotencyKey theirs = new IdempotencyKey("scope-b-" + UUID.randomUUID(), shared);

        assertThat(keys().claim(claim(mine, "fp-a", now))).isInstanceOf(ClaimOutcome.Acquired.class);
        assertThat(keys().claim(claim(theirs, "fp-b", now))).isInstanceOf(ClaimOutcome.Acquired.class);
    }

    @Test
    void releasedKey_canBeAcquiredAgain_butOnlyItsHolderReleasesIt() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        KeyClaim first = claim(key, "fp", now);
        keys().claim(first);

        keys().release(key, UUID.randomUUID());
        assertThat(keys().claim(claim(key, "fp", now))).isInstanceOf(ClaimOutcome.InFlight.class);

        keys().release(key, first.token());
        assertThat(keys().claim(claim(key, "fp", now))).isInstanceOf(ClaimOutcome.Acquired.class);
    }

    @Test
    void heldKeyPastItsLock_isTakenOverByTheSameRequest_andTheLateHolderCannotCompleteIt() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        KeyClaim dead = claim(key, "fp", now);
        keys().claim(dead);
        Instant later = now.plus(LOCK).plusSeconds(1);

        assertThat(keys().claim(claim(key, "fp-other", later))).isInstanceOf(ClaimOutcome.Mismatch.class);
        KeyClaim takeover = claim(key, "fp", later);
        assertThat(keys().claim(takeover)).isInstanceOf(ClaimOutcome.Acquired.class);
        assertThat(keys().complete(key, dead.token(), ANSWER)).isFalse();
        assertThat(keys().complete(key, takeover.token(), ANSWER)).isTrue();
    }

    @Test
    void expiredKey_isFree_forAnyRequest_andDeletedByTheCleanup() {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        KeyClaim first = claim(key, "fp", now);
        keys().claim(first);
        keys().complete(key, first.token(), ANSWER);
        Instant expired = now.plus(RETENTION).plusSeconds(1);

        assertThat(keys().claim(claim(key, "fp-new", expired))).isInstanceOf(ClaimOutcome.Acquired.class);

        IdempotencyKey old = freshKey();
        keys().claim(claim(old, "fp", now));
        int deleted = 0;
        for (int batch = 0; batch < 1_000; batch++) {
            int n = keys().deleteExpired(expired, 1_000);
            deleted += n;
            if (n < 1_000) {
                break;
            }
        }
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        // Deleted: the same request claims it afresh instead of finding it in flight.
        assertThat(keys().claim(claim(old, "fp", now.plusSeconds(1)))).isInstanceOf(ClaimOutcome.Acquired.class);
    }

    @Test
    void simultaneousClaimsOfOneKey_acquireItExactlyOnce() throws Exception {
        IdempotencyKey key = freshKey();
        Instant now = Fixtures.now();
        int claimants = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaimOutcome>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimants)) {
            for (int i = 0; i < claimants; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return keys().claim(claim(key, "fp", now));
                }));
            }
            start.countDown();
            int acquired = 0;
            for (Future<ClaimOutcome> outcome : outcomes) {
                ClaimOutcome result = outcome.get();
                if (result instanceof ClaimOutcome.Acquired) {
                    acquired++;
                } else {
                    assertThat(result).isInstanceOf(ClaimOutcome.InFlight.class);
                }
            }
            assertThat(acquired).isEqualTo(1);
        }
    }
}
