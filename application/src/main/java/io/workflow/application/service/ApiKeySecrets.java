package io.workflow.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /**
     * Never used itself, only copied for each hash: every request hashes its key, and looking the
     * algorithm up in the providers each time (reflection, constraint checks) cost several times the
     * digest itself.
     */
    private static final MessageDigest SHA_256 = sha256();

    /** The SHA-256 of the key's UTF-8 bytes, in lower-case hexadecimal. */
    static String hash(String key) {
        return HexFormat.of().formatHex(copy(SHA_256).digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A fresh digest in the prototype's state; the JDK's SHA-256 can be copied, so this never fails. */
    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be copied", e);
        }
    }

    /** Compares two digests in time that does not depend on where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
