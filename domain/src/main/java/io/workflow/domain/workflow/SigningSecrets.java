package io.workflow.domain.workflow;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The secrets a workflow's webhook calls are signed with (Standard Webhooks: {@code whsec_} and the
 * base64 of random bytes). Kept apart from the workflow: a workflow is cached and returned to
 * readers, a secret is shown once and then only used to sign. After a rotation the previous secret
 * keeps signing beside the new one until {@code previousUntil}, so receivers can switch over.
 */
public record SigningSecrets(String current, String previous, Instant previousUntil) {
    public static final String PREFIX = "whsec_";
    /** 32 bytes: the Standard Webhooks spec asks for 24 to 64. */
    static final int SECRET_BYTES = 32;

    public SigningSecrets {
        Objects.requireNonNull(current, "current");
        if ((previous == null) != (previousUntil == null)) {
            throw new IllegalArgumentException("a previous secret needs the time it stops signing, and only it");
        }
    }

    /** A first secret. */
    public static SigningSecrets first(RandomGenerator random) {
        return new SigningSecrets(newSecret(random), null, null);
    }

    /** A new current secret; this one keeps signing too until {@code previousUntil}. */
    public SigningSecrets rotated(RandomGenerator random, Instant previousUntil) {
        return new SigningSecrets(newSecret(random), current, previousUntil);
    }

    /** The secrets that sign at {@code now}: the current one first, then the previous one within its grace period. */
    public List<String> signingAt(Instant now) {
        return previous != null && now.isBefore(previousUntil) ? List.of(current, previous) : List.of(current);
    }

    private static String newSecret(RandomGenerator random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
}
