package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryApiKeyRepository;
import io.workflow.application.CreateApiKey;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.ForbiddenException;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.auth.UnauthenticatedException;
import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryApiKeyRepository store = new InMemoryApiKeyRepository();
    private final ApiKeyService keys = new ApiKeyService(store, clock);
    private final AuthenticateCallerService authenticate =
            new AuthenticateCallerService(store, clock, Duration.ofSeconds(2), 100);

    @Test
    void anIssuedKey_isRandom_storedOnlyAsItsHash_andAuthenticatesAsItsTenantAndScopes() {
        CreateApiKey.Issued issued = keys.create(new CreateApiKey.Command("acme", Set.of(Scope.RUNS_READ), "ci"));
        CreateApiKey.Issued other = keys.create(new CreateApiKey.Command("acme", Set.of(Scope.RUNS_READ), "ci"));

        assertThat(issued.secret()).startsWith("wfa_").hasSize(4 + 43).isNotEqualTo(other.secret());
        assertThat(store.list()).extracting(key -> key.hash()).doesNotContain(issued.secret())
                .contains(ApiKeySecrets.hash(issued.secret()));
        Caller caller = authenticate.authenticate(issued.secret());
        assertThat(caller).isEqualTo(new Caller("acme", Set.of(Scope.RUNS_READ), issued.key().id()));
        assertThatThrownBy(() -> caller.require(Scope.RUNS_TRIGGER)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("runs:trigger");
    }

    @Test
    void aKeysHash_isTheSha256OfItsText_inLowerCaseHex_whicheverThreadAsks() throws Exception {
        // FIPS 180-2's test vectors: the digest of "abc", and of the empty text.
        assertThat(ApiKeySecrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeySecrets.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // Hashes on many threads at once share no digest state: each gets its own text's digest.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "wfa_" + i;
                String expected = ApiKeySecrets.hash(key);
                checks.add(threads.submit(() -> ApiKeySecrets.hash(key).equals(expected) && ApiKeySecrets.hash("abc")
                        .equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void unknownMalformedAndMissingKeys_areRefusedAlike_afterTheSameLookup() {
        AtomicInteger lookups = new AtomicInteger();
        ApiKeyRepository counting = new CountingRepository(store, lookups);
        AuthenticateCallerService service = new AuthenticateCallerService(counting, clock, Duration.ofSeconds(2), 100);

        for (String key : new String[] {"wfa_" + UUID.randomUUID(), "", null, "x".repeat(10_000)}) {
            assertThatThrownBy(() -> service.authenticate(key)).isInstanceOf(UnauthenticatedException.class)
                    .hasMessage("the API key is missing, unknown or revoked");
        }
        assertThat(lookups).hasValue(4);
    }

    @Test
    void aRevokedKey_stopsWorking_onceTheCachedLookupIsOlderThanItsLifetime() {
        CreateApiKey.Issued issued = keys.create(new CreateApiKey.Command("acme", Set.of(Scope.ADMIN), ""));
        authenticate.authenticate(issued.secret());

        assertThat(keys.revoke(issued.key().id()).revokedAt()).isEqualTo(clock.instant());
        assertThat(authenticate.authenticate(issued.secret())).as("still cached").isNotNull();
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> authenticate.authenticate(issued.secret())).isInstanceOf(UnauthenticatedException.class);
        assertThat(keys.list()).singleElement().satisfies(key -> assertThat(key.isRevoked()).isTrue());
        assertThatThrownBy(() -> keys.revoke(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void requestsArrivingWhileTheirKeyIsLookedUp_shareThatLookup() throws Exception {
        CreateApiKey.Issued issued = keys.create(new CreateApiKey.Command("acme", Set.of(Scope.RUNS_READ), ""));

        assertThat(eightRequestsDuringOneLookup(issued.secret(), null))
                .containsOnly(new Caller("acme", Set.of(Scope.RUNS_READ), issued.key().id()));
    }

    @Test
    void aSharedLookupThatFails_failsEveryRequestWaitingForIt_andIsNotKept() throws Exception {
        CreateApiKey.Issued issued = keys.create(new CreateApiKey.Command("acme", Set.of(Scope.RUNS_READ), ""));

        assertThat(eightRequestsDuringOneLookup(issued.secret(), new StoreUnavailableException("down", null)))
                .containsOnly(StoreUnavailableException.class);
        assertThat(eightRequestsDuringOneLookup(issued.secret(), null)).as("the next requests look the key up again")
                .containsOnly(new Caller("acme", Set.of(Scope.RUNS_READ), issued.key().id()));
    }

    /**
     * Eight requests with {@code key} on a cold cache, the first lookup held until all eight are
     * waiting (in it or for it), then ended with {@code failure} or the stored key. Asserts that one
     * lookup served them; returns each request's caller, or the class of what it threw.
     */
    private List<Object> eightRequestsDuringOneLookup(String key, RuntimeException failure) throws InterruptedException {
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch finishLookup = new CountDownLatch(1);
        AuthenticateCallerService service = new AuthenticateCallerService(new CountingRepository(store, lookups, () -> {
            lookupStarted.countDown();
            try {
                if (!finishLookup.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never let the lookup finish");
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (failure != null) {
                throw failure;
            }
        }), clock, Duration.ofSeconds(2), 100);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(Thread.ofPlatform().start(() -> {
                try {
                    outcomes.add(service.authenticate(key));
                } catch (RuntimeException e) {
                    outcomes.add(e.getClass());
                }
            }));
        }
        assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).as("a lookup started").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.stream().anyMatch(request -> request.getState() != Thread.State.WAITING
                && request.getState() != Thread.State.TIMED_WAITING)) {
            assertThat(System.nanoTime()).as("all eight requests waiting within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
        finishLookup.countDown();
        for (Thread request : requests) {
            request.join(10_000);
            assertThat(request.isAlive()).as("a request still running after 10 s").isFalse();
        }
        assertThat(lookups).as("lookups for the eight requests").hasValue(1);
        assertThat(outcomes).hasSize(8);
        return outcomes;
    }

    @Test
    void aKeyRequest_needsAValidTenantAndAScope() {
        assertThatThrownBy(() -> new CreateApiKey.Command("Not A Tenant", Set.of(Scope.ADMIN), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> new CreateApiKey.Command("acme", Set.of(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scopes");
    }

    @Test
    void adminHoldsEveryScope() {
        Caller admin = new Caller("acme", Set.of(Scope.ADMIN), UUID.randomUUID());
        for (Scope scope : Scope.values()) {
            assertThat(admin.has(scope)).isTrue();
        }
    }

    /** Counts lookups by hash, to show every refused key costs one; runs {@code during} inside each lookup. */
    private record CountingRepository(ApiKeyRepository delegate, AtomicInteger lookups, Runnable during)
            implements ApiKeyRepository {
        CountingRepository(ApiKeyRepository delegate, AtomicInteger lookups) {
            this(delegate, lookups, () -> { });
        }

        @Override
        public void insert(io.workflow.domain.auth.ApiKey key) {
            delegate.insert(key);
        }

        @Override
        public Optional<io.workflow.domain.auth.ApiKey> findByHash(String hash) {
            lookups.incrementAndGet();
            during.run();
            return delegate.findByHash(hash);
        }

        @Override
        public java.util.List<io.workflow.domain.auth.ApiKey> list() {
            return delegate.list();
        }

        @Override
        public Optional<io.workflow.domain.auth.ApiKey> revoke(UUID id, Instant at) {
            return delegate.revoke(id, at);
        }
    }
}
