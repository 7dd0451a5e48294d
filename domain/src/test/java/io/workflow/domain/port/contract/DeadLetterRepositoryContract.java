package io.workflow.domain.port.contract;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.DeadLetterRepository;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeadLetterRepository} must do; one subclass per implementation. Each test uses a
 * source topic and tenant of its own, so a store shared between tests does not disturb it.
 */
public abstract class DeadLetterRepositoryContract {
    private static final AtomicLong OFFSETS = new AtomicLong();

    private final String source = "trigger-" + UUID.randomUUID();
    private final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);

    protected abstract DeadLetterRepository letters();

    private DeadLetter letter(Instant at, String ofTenant) {
        DeadLetter base = DeadLetter.of(TimeOrderedIds.next(at), source, 1, OFFSETS.incrementAndGet(), "key-1",
                "{\"run_id\": 42}".getBytes(StandardCharsets.UTF_8), "run_id is not a UUID", null, at);
        return new DeadLetter(base.id(), base.source(), base.partition(), base.offset(), base.key(), base.payload(),
                base.truncated(), base.reason(), UUID.randomUUID(), ofTenant, base.recordedAt(), null);
    }

    @Test
    void recordedLetter_isFoundById_withEveryField() {
        DeadLetter letter = letter(Fixtures.now(), tenant);

        assertThat(letters().record(letter)).isTrue();

        assertThat(letters().findById(letter.id())).contains(letter);
    }

    @Test
    void theSameSourcePosition_isKeptOnce() {
        DeadLetter first = letter(Fixtures.now(), tenant);
        DeadLetter again = new DeadLetter(UUID.randomUUID(), first.source(), first.partition(), first.offset(), null,
                "other", false, "other", null, null, Fixtures.now(), null);

        letters().record(first);

        assertThat(letters().record(again)).isFalse();
        assertThat(letters().findById(again.id())).isEmpty();
        assertThat(letters().findById(first.id())).contains(first);
    }

    @Test
    void truncatedPayload_isKeptWithItsFlag() {
        byte[] big = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        Instant now = Fixtures.now();
        DeadLetter letter = DeadLetter.of(TimeOrderedIds.next(now), source, 0, OFFSETS.incrementAndGet(), null, big,
                "not JSON", null, now);

        letters().record(letter);

        DeadLetter stored = letters().findById(letter.id()).orElseThrow();
        assertThat(stored.truncated()).isTrue();
        assertThat(stored.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    }

    @Test
    void markRedriven_marksOnce_keepingTheFirstTime() {
        DeadLetter letter = letter(Fixtures.now(), tenant);
        letters().record(letter);
        Instant first = Fixtures.now().plusSeconds(1);

        assertThat(letters().markRedriven(letter.id(), first)).isTrue();
        assertThat(letters().markRedriven(letter.id(), first.plusSeconds(5))).isFalse();
        assertThat(letters().markRedriven(UUID.randomUUID(), first)).isFalse();

        assertThat(letters().findById(letter.id()).orElseThrow().redrivenAt()).isEqualTo(first);
    }

    @Test
    void delete_removesTheLetter_once() {
        DeadLetter letter = letter(Fixtures.now(), tenant);
        letters().record(letter);

        assertThat(letters().delete(letter.id())).isTrue();
        assertThat(letters().delete(letter.id())).isFalse();
        assertThat(letters().findById(letter.id())).isEmpty();
    }

    @Test
    void list_showsATenantItsOwnLettersOnly_andTheOperatorsTenantThoseOfNoTenant_newestFirst() {
        Instant t0 = Fixtures.now().plusSeconds(3600); // newer than any other test's letters, so first
        DeadLetter own = letter(t0, tenant);
        DeadLetter ownLater = letter(t0.plusMillis(1), tenant);
        DeadLetter noTenant = letter(t0.plusMillis(2), null);
        DeadLetter others = letter(t0.plusMillis(3), "other-" + tenant);
        List<DeadLetter> made = List.of(own, ownLater, noTenant, others);
        made.forEach(letters()::record);

        Page<DeadLetter> first = letters().list(new PageRequest(1, null, Long.MAX_VALUE), tenant);
        Page<DeadLetter> second = letters().list(new PageRequest(1, first.next(), Long.MAX_VALUE), tenant);
        List<UUID> operatorSees = letters().list(new PageRequest(50, null, Long.MAX_VALUE), Tenants.DEFAULT).items().stream()
                .map(DeadLetter::id).filter(id -> made.stream().anyMatch(letter -> letter.id().equals(id))).toList();

        assertThat(first.items()).extracting(DeadLetter::id).containsExactly(ownLater.id());
        assertThat(first.next()).isEqualTo(new Cursor(ownLater.recordedAt(), ownLater.id()));
        assertThat(second.items()).extracting(DeadLetter::id).containsExactly(own.id());
        assertThat(operatorSees).as("of this test's letters, the operator's tenant sees the one of no tenant")
                .containsExactly(noTenant.id());
        made.forEach(letter -> letters().delete(letter.id()));
    }

    @Test
    void list_underConcurrentInserts_showsEveryEarlierLetterExactlyOnce_andNoneTwice() throws Exception {
        Instant t0 = Fixtures.now().minusSeconds(60);
        int span = 40;
        List<Cursor> existing = new ArrayList<>();
        for (int i = 0; i < span; i++) {
            DeadLetter letter = letter(t0.plusMillis(i), tenant);
            letters().record(letter);
            existing.add(new Cursor(letter.recordedAt(), letter.id()));
        }

        ConcurrentPaging.assertEachExistingItemOnce(existing,
                after -> letters().list(new PageRequest(3, after, Long.MAX_VALUE), tenant),
                letter -> new Cursor(letter.recordedAt(), letter.id()),
                n -> letters().record(letter(ConcurrentPaging.insertTime(n, t0, span), tenant)));
    }
}
