package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.Cursor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns a {@link Cursor} into the opaque token of {@code next_cursor} and back. The token carries an HMAC, so a cursor the
 * server did not issue is rejected instead of being trusted as a position. Every replica must share
 * the secret, or a cursor from one is refused by another. The tenant the page belongs to is signed
 * with the position (not written in the token), so a cursor handed to one tenant is refused to every
 * other; the default tenant's cursors are signed as before tenants existed, so they stay valid.
 */
final class CursorCodec {
    private static final int BODY = 8 + 4 + 16;
    private static final int TAG = 12;
    private static final String ALGORITHM = "HmacSHA256";

    /** Initialised once; each use works on a clone, which costs far less than {@code Mac.getInstance} and {@code init}. */
    private final Mac prototype;

    CursorCodec(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("cursor secret must not be empty");
        }
        try {
            this.prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            prototype.clone(); // fails here, at start-up, if the provider cannot clone
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    String encode(Cursor cursor) {
        return encode(cursor, Tenants.DEFAULT);
    }

    Cursor decode(String token) {
        return decode(token, Tenants.DEFAULT);
    }

    /** The token of {@code cursor} in a listing of {@code tenant}'s runs. */
    String encode(Cursor cursor, String tenant) {
        ByteBuffer buffer = ByteBuffer.allocate(BODY + TAG);
        buffer.putLong(cursor.createdAt().getEpochSecond())
                .putInt(cursor.createdAt().getNano())
                .putLong(cursor.id().getMostSignificantBits())
                .putLong(cursor.id().getLeastSignificantBits());
        buffer.put(tag(buffer.array(), tenant));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Decodes a token this codec issued for {@code tenant}; anything else (another tenant's token
     * included) is an {@link InvalidInputException} on {@code cursor}.
     */
    Cursor decode(String token, String tenant) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        if (bytes.length != BODY + TAG
                || !MessageDigest.isEqual(tag(bytes, tenant), Arrays.copyOfRange(bytes, BODY, BODY + TAG))) {
            throw notIssued();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        return new Cursor(Instant.ofEpochSecond(seconds, nanos), new UUID(buffer.getLong(), buffer.getLong()));
    }

    private byte[] tag(byte[] bytes, String tenant) {
        try {
            Mac mac = (Mac) prototype.clone();
            mac.update(bytes, 0, BODY);
            if (!tenant.equals(Tenants.DEFAULT)) {
                mac.update((byte) 0);
                mac.update(tenant.getBytes(StandardCharsets.UTF_8));
            }
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be cloned", e);
        }
    }

    private static InvalidInputException notIssued() {
        return new InvalidInputException("cursor", "is not a cursor this server issued; use next_cursor from a previous page");
    }
}
