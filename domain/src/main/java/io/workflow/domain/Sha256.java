package io.workflow.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 without a provider lookup per use. {@code MessageDigest.getInstance} searches the security
 * providers, reflects and checks algorithm constraints each time, which under load cost several times
 * the digest of a short text; each digest here is a copy of one prototype that was never used.
 */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    /** A fresh digest, for input given in parts. */
    public static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be copied", e); // checked when the class loaded
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    private static MessageDigest prototype() {
        try {
            MessageDigest prototype = MessageDigest.getInstance("SHA-256");
            prototype.clone(); // fails here, when the class loads, if the provider cannot copy it
            return prototype;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
