package io.workflow.adapters.http;

import io.workflow.domain.page.Cursor;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.ListOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTest {
    private final CursorCodec codec = new CursorCodec("test-secret");
    private final Cursor cursor = new Cursor(Instant.parse("2025-03-04T05:06:07.123456789Z"),
            UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"));

    private static void assertRejectedAsCursor(Runnable decode) {
        assertThatThrownBy(decode::run)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void aTenantsCursor_decodesForThatTenantOnly() {
        String token = codec.encode(cursor, "acme");

        assertThat(codec.decode(token, "acme")).isEqualTo(cursor);
        assertRejectedAsCursor(() -> codec.decode(token, "globex"));
        assertRejectedAsCursor(() -> codec.decode(token));
        assertRejectedAsCursor(() -> codec.decode(codec.encode(cursor), "acme"));
    }

    @Test
    void encodeThenDecode_returnsTheSameCursor() {
        assertThat(codec.decode(codec.encode(cursor))).isEqualTo(cursor);
    }

    @Test
    void roundTrip_keepsTimesBeforeTheEpochAndExtremeIds() {
        Cursor old = new Cursor(Instant.parse("1969-12-31T23:59:59.999999999Z"), new UUID(-1L, Long.MIN_VALUE));

        assertThat(codec.decode(codec.encode(old))).isEqualTo(old);
    }

    @Test
    void token_isUrlSafeAndOpaque() {
        String token = codec.encode(cursor);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(token).doesNotContain(cursor.id().toString()).doesNotContain("2025");
    }

    @Test
    void anotherCodecWithTheSameSecret_acceptsTheToken() {
        assertThat(new CursorCodec("test-secret").decode(codec.encode(cursor))).isEqualTo(cursor);
    }

    @Test
    void givenTokenFromAnotherSecret_decode_rejectsIt() {
        String foreign = new CursorCodec("other-secret").encode(cursor);

        assertRejectedAsCursor(() -> codec.decode(foreign));
    }

    @Test
    void givenAnyFlippedCharacter_decode_rejectsIt() {
        String token = codec.encode(cursor);
        // The last character carries 2 data bits and 4 padding bits the decoder ignores, so every
        // position but the last is checked.
        for (int i = 0; i < token.length() - 1; i++) {
            char[] chars = token.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            String flipped = new String(chars);
            assertRejectedAsCursor(() -> codec.decode(flipped));
        }
    }

    @Test
    void givenForgedBodyWithOldTag_decode_rejectsIt() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(cursor));
        bytes[3] ^= 0x01;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertRejectedAsCursor(() -> codec.decode(forged));
    }

    @Test
    void givenTruncatedOrExtendedToken_decode_rejectsIt() {
        String token = codec.encode(cursor);

        assertRejectedAsCursor(() -> codec.decode(token.substring(0, token.length() - 4)));
        assertRejectedAsCursor(() -> codec.decode(token.substring(0, 10)));
        assertRejectedAsCursor(() -> codec.decode(token + "AAAA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "!!!!", "not a cursor", "abc$def", "%%%", "eyJpZCI6MX0"})
    void givenGarbage_decode_rejectsItAsCursor(String token) {
        assertRejectedAsCursor(() -> codec.decode(token));
    }

    @Test
    void aScopedCursor_decodesInItsOwnListingOnly_sayingWhatDiffers() {
        CursorCodec.Scope ascending = new CursorCodec.Scope(ListOrder.OLDEST_FIRST, "status=failed", false);
        String token = codec.encode(cursor, "acme", ascending);

        assertThat(codec.decode(token, "acme", ascending)).isEqualTo(cursor);
        assertThat(codec.decode(token, "acme", new CursorCodec.Scope(ListOrder.OLDEST_FIRST, "status=failed", true)))
                .isEqualTo(cursor);
        assertRejectedAsCursor(() -> codec.decode(token, "globex", ascending));
        assertThatThrownBy(() -> codec.decode(token, "acme", new CursorCodec.Scope(ListOrder.NEWEST_FIRST, "status=failed", false)))
                .hasMessageContaining("belongs to a listing in order=asc");
        assertThatThrownBy(() -> codec.decode(token, "acme", new CursorCodec.Scope(ListOrder.OLDEST_FIRST, "status=success", false)))
                .hasMessageContaining("belongs to a listing with other filters");
    }

    @Test
    void aCursorFromBeforeScopes_decodesWhereTheScopeReadsIt_andIsRefusedElsewhere() {
        String legacy = unscopedToken("test-secret", cursor);

        assertThat(codec.decode(legacy)).isEqualTo(cursor);
        assertThat(codec.decode(legacy, Tenants.DEFAULT, new CursorCodec.Scope(ListOrder.NEWEST_FIRST, "status=x", true)))
                .isEqualTo(cursor);
        assertThatThrownBy(() -> codec.decode(legacy, Tenants.DEFAULT, new CursorCodec.Scope(ListOrder.NEWEST_FIRST, "", false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("was issued by an earlier version");
        assertRejectedAsCursor(() -> codec.decode(unscopedToken("other-secret", cursor)));
    }

    /**
     * A token as this codec wrote it before tokens named their listing: the position and the first
     * 12 bytes of its HMAC-SHA256 (default tenant), written out here independently of the codec.
     */
    static String unscopedToken(String secret, Cursor position) {
        ByteBuffer body = ByteBuffer.allocate(28)
                .putLong(position.createdAt().getEpochSecond()).putInt(position.createdAt().getNano())
                .putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = Arrays.copyOf(mac.doFinal(body.array()), 12);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(40).put(body.array()).put(tag).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenEmptySecret_constructor_refuses() {
        assertThatThrownBy(() -> new CursorCodec("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
