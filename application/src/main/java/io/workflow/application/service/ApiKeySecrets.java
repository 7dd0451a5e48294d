package io.workflow.application.service;

import io.workflow.domain.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How API keys are made and recognised. A key is {@value #PREFIX} and 32 random bytes (256 bits) in
 * URL-safe Base64; the store keeps only the SHA-256 of the whole key. A key that random cannot be
 * guessed from its digest, so a plain, unsalted digest is enough, and it lets the store find a key
 * by an index on the digest instead of comparing against every key.
 */
final class ApiKeySecrets {
    /** Marks the text as this service's key (secret scanners and people recognise it); not secret. */
    static final String PREFIX = "wfa_";
    private static final int RANDOM_BYTES = 32;
    /** Longer than any key this service makes: longer input is not hashed at all, but still answered after a hash. */
    static final int MAX_KEY_LENGTH = 256;

    private final SecureRandom random = new SecureRandom();

    /** A new key's text. */
    String newKey() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the key's UTF-8 bytes, in lower-case hexadecimal. */
    static String hash(String key) {
        return HexFormat.of().formatHex(Sha256.of(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two digests in time that does not depend on where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
