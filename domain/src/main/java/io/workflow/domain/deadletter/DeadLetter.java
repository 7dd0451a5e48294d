package io.workflow.domain.deadletter;

import io.workflow.domain.auth.Tenants;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A trigger event that could not be processed, kept where an operator can see it: where it was read
 * ({@code source}, {@code partition}, {@code offset}), its key and its value as text (at most
 * {@link #MAX_PAYLOAD_BYTES} of UTF-8, {@code truncated} when more was cut off), why it failed, the
 * run it named and that run's tenant when they could be read, when it was recorded and, once an
 * operator sent it through again, when.
 *
 * <p>A letter is identified by its position in the source: recording the same position twice (a
 * redelivered record) keeps the first.
 */
public record DeadLetter(UUID id, String source, int partition, long offset, String key, String payload,
                         boolean truncated, String reason, UUID runId, String tenant, Instant recordedAt,
                         Instant redrivenAt) {
    /** The most payload text a letter keeps, in bytes of UTF-8: a trigger event is a few hundred. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** The longest reason kept, in characters. */
    public static final int MAX_REASON_LENGTH = 1_000;

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /**
     * A new letter for the record at {@code source}/{@code partition}/{@code offset}, its value
     * decoded as UTF-8 (malformed bytes become U+FFFD, NUL too, which no text column holds) and cut
     * to {@link #MAX_PAYLOAD_BYTES} on a character boundary.
     */
    public static DeadLetter of(UUID id, String source, int partition, long offset, String key, byte[] value,
                                String reason, UUID runId, Instant recordedAt) {
        byte[] bytes = value == null ? new byte[0] : value;
        boolean truncated = bytes.length > MAX_PAYLOAD_BYTES;
        String text = clean(new String(bytes, 0, Math.min(bytes.length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8));
        if (truncated && text.endsWith("\uFFFD")) {
            // The cut may have split the last character: drop its remains rather than keep a replacement for it.
            text = text.substring(0, text.length() - 1);
        }
        String why = reason == null || reason.isBlank() ? "unreadable" : reason;
        return new DeadLetter(id, source, partition, offset, key == null ? null : clean(key), text, truncated,
                why.length() > MAX_REASON_LENGTH ? why.substring(0, MAX_REASON_LENGTH) : why,
                runId, null, recordedAt, null);
    }

    /** This letter as sent through again at {@code at}. */
    public DeadLetter redriven(Instant at) {
        return new DeadLetter(id, source, partition, offset, key, payload, truncated, reason, runId, tenant, recordedAt, at);
    }

    /**
     * Whether a caller of {@code tenant} may see this letter: its own. A letter whose tenant nobody
     * could tell (an unreadable event, a run that cannot be loaded) may hold any tenant's data, so
     * only the operator's tenant, {@link Tenants#DEFAULT} (the stack's bootstrap admin key), sees it.
     */
    public boolean visibleTo(String tenant) {
        return (this.tenant == null ? Tenants.DEFAULT : this.tenant).equals(tenant);
    }

    private static String clean(String text) {
        return text.replace('\u0000', '\uFFFD');
    }
}
