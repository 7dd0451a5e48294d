package io.workflow.adapters.http;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key in this process: {@code perSecond} tokens a second, at most
 * {@code burst} saved up. Each replica counts on its own, so behind nginx a key may send up to the
 * number of replicas times this; a shared count (Redis) would cost a round trip per request.
 * {@code perSecond} 0 turns the limit off.
 */
public record KeyRateLimit(double perSecond, int burst) {
    public KeyRateLimit {
        if (perSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit: per second must not be negative and burst at least 1, got "
                    + perSecond + " and " + burst);
        }
    }

    /** No limit. */
    public static KeyRateLimit off() {
        return new KeyRateLimit(0, 1);
    }

    boolean isOff() {
        return perSecond == 0;
    }

    /** The buckets of every key seen; a bucket is small and keys are few, so none is ever dropped. */
    Buckets buckets() {
        return new Buckets(this);
    }

    /** The buckets of one process. */
    static final class Buckets {
        private final KeyRateLimit limit;
        private final Map<UUID, Bucket> byKey = new ConcurrentHashMap<>();

        private Buckets(KeyRateLimit limit) {
            this.limit = limit;
        }

        /** Takes one token of {@code key}'s bucket at {@code nanoTime}: zero when there was one, else how long until there is. */
        Duration take(UUID key, long nanoTime) {
            return byKey.computeIfAbsent(key, k -> new Bucket(limit.burst(), nanoTime)).take(limit, nanoTime);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Duration take(KeyRateLimit limit, long now) {
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.perSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9));
        }
    }
}
