package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.Sha256;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.ListOrder;

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
 *
 * <p>A token also names the {@link Scope listing} it continues: its order and a digest of its
 * filters, so that a cursor sent with another order or other filters is refused with a message that
 * says so, rather than silently skipping or repeating runs. Tokens issued before listings had an
 * order (a bare position, 40 bytes) are still read where they were issued: newest first, without
 * time bounds.
 */
final class CursorCodec {
    private static final int POSITION = 8 + 4 + 16;
    private static final int TAG = 12;
    private static final byte VERSION = 2;
    private static final int DIGEST = 8;
    /** Position, version, order, filter digest. */
    private static final int SCOPED = POSITION + 1 + 1 + DIGEST;
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * The listing a cursor belongs to: its order and its filters written out in one canonical text
     * ({@code filters}); {@code readsUnscoped} says whether tokens from before listings were scoped
     * may continue it.
     */
    record Scope(ListOrder order, String filters, boolean readsUnscoped) {
        /** A newest-first listing without filters, such as the workflows'. */
        static final Scope UNFILTERED = new Scope(ListOrder.NEWEST_FIRST, "", true);
    }

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

    String encode(Cursor cursor, String tenant) {
        return encode(cursor, tenant, Scope.UNFILTERED);
    }

    Cursor decode(String token, String tenant) {
        return decode(token, tenant, Scope.UNFILTERED);
    }

    /** The token of {@code cursor} in {@code scope}'s listing of {@code tenant}'s items. */
    String encode(Cursor cursor, String tenant, Scope scope) {
        ByteBuffer buffer = ByteBuffer.allocate(SCOPED + TAG);
        buffer.putLong(cursor.createdAt().getEpochSecond())
                .putInt(cursor.createdAt().getNano())
                .putLong(cursor.id().getMostSignificantBits())
                .putLong(cursor.id().getLeastSignificantBits())
                .put(VERSION)
                .put(orderByte(scope.order()))
                .put(digest(scope.filters()));
        buffer.put(tag(buffer.array(), SCOPED, tenant));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /**
     * Decodes a token this codec issued for {@code tenant} in {@code scope}'s listing; anything else
     * (another tenant's token, one from a listing in another order or with other filters) is an
     * {@link InvalidInputException} on {@code cursor}.
     */
    Cursor decode(String token, String tenant, Scope scope) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        int body = bytes.length - TAG;
        if ((body != POSITION && body != SCOPED)
                || !MessageDigest.isEqual(tag(bytes, body, tenant), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw notIssued();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Cursor cursor = new Cursor(Instant.ofEpochSecond(buffer.getLong(), buffer.getInt()),
                new UUID(buffer.getLong(), buffer.getLong()));
        if (body == POSITION) {
            if (!scope.readsUnscoped()) {
                throw new InvalidInputException("cursor", "was issued by an earlier version for a newest-first listing"
                        + " without created_after or created_before; start again without a cursor");
            }
            return cursor;
        }
        if (buffer.get() != VERSION) {
            throw notIssued();
        }
        byte order = buffer.get();
        if (order != orderByte(scope.order())) {
            throw new InvalidInputException("cursor", "belongs to a listing in order=" + orderName(order)
                    + "; send the same order as the page it came from, or start again without a cursor");
        }
        byte[] filters = new byte[DIGEST];
        buffer.get(filters);
        if (!MessageDigest.isEqual(filters, digest(scope.filters()))) {
            throw new InvalidInputException("cursor", "belongs to a listing with other filters; send the same filters"
                    + " as the page it came from, or start again without a cursor");
        }
        return cursor;
    }

    private static byte orderByte(ListOrder order) {
        return order == ListOrder.OLDEST_FIRST ? (byte) 1 : (byte) 0;
    }

    private static String orderName(byte order) {
        return order == 1 ? "asc" : "desc";
    }

    private byte[] tag(byte[] bytes, int length, String tenant) {
        try {
            Mac mac = (Mac) prototype.clone();
            mac.update(bytes, 0, length);
            if (!tenant.equals(Tenants.DEFAULT)) {
                mac.update((byte) 0);
                mac.update(tenant.getBytes(StandardCharsets.UTF_8));
            }
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be cloned", e);
        }
    }

    /** Not secret (the tag covers it): only a short fingerprint of the filters, to tell two filter sets apart. */
    private static byte[] digest(String filters) {
        return Arrays.copyOf(Sha256.of(filters.getBytes(StandardCharsets.UTF_8)), DIGEST);
    }

    private static InvalidInputException notIssued() {
        return new InvalidInputException("cursor", "is not a cursor this server issued; use next_cursor from a previous page");
    }
}
