package io.workflow.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void digests_areFips180Vectors_andEachDigestStartsFresh() {
        // FIPS 180-2's test vectors: "abc" and the empty input.
        assertThat(hex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.of(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // Given in parts, then asked again: a new digest owes nothing to the one used before it.
        MessageDigest parts = Sha256.digest();
        parts.update("a".getBytes(StandardCharsets.US_ASCII));
        parts.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(parts.digest())).isEqualTo(hex(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))));
        assertThat(hex(Sha256.digest().digest())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
