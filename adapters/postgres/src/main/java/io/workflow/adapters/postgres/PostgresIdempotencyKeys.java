package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.workflow.domain.idempotency.ClaimOutcome;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.KeyClaim;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.port.IdempotencyKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;
import static io.workflow.adapters.postgres.ColumnValues.uuid;

/**
 * Idempotency keys in the {@code idempotency_keys} table, keyed by (scope, key). A claim is one
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}: PostgreSQL serialises simultaneous claims of a
 * key on its row, so exactly one of them inserts (or takes over an expired key, or the key of a dead
 * holder of the same request) and sees its row come back; the others read what holds the key.
 */
final class PostgresIdempotencyKeys implements IdempotencyKeys {
    private static final String CLAIM = "claim-idempotency-key";
    private static final String FIND = "find-idempotency-key";
    private static final String COMPLETE = "complete-idempotency-key";
    private static final String RELEASE = "release-idempotency-key";
    private static final String DELETE_EXPIRED = "delete-expired-idempotency-keys";
    /** A key deleted between a lost claim and its read is free again: claim once more, a bounded number of times. */
    private static final int CLAIM_TRIES = 3;

    /** The statements this adapter executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            CLAIM, """
                    INSERT INTO idempotency_keys AS k (scope, key, fingerprint, claim_token, state, created_at, locked_until, expires_at)
                    VALUES (?, ?, ?, CAST(? AS uuid), 'in_flight', ?, ?, ?)
                    ON CONFLICT (scope, key) DO UPDATE SET
                        fingerprint = EXCLUDED.fingerprint, claim_token = EXCLUDED.claim_token, state = 'in_flight',
                        status = NULL, headers = NULL, body = NULL, created_at = EXCLUDED.created_at,
                        locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
                    WHERE k.expires_at <= EXCLUDED.created_at
                       OR (k.state = 'in_flight' AND k.fingerprint = EXCLUDED.fingerprint
                           AND k.locked_until <= EXCLUDED.created_at)
                    RETURNING k.claim_token""",
            FIND, """
                    SELECT fingerprint, claim_token, state, status, CAST(headers AS text) AS headers, body
                    FROM idempotency_keys WHERE scope = ? AND key = ?""",
            COMPLETE, """
                    UPDATE idempotency_keys SET state = 'complete', status = ?, headers = CAST(? AS jsonb), body = ?
                    WHERE scope = ? AND key = ? AND claim_token = CAST(? AS uuid) AND state = 'in_flight'""",
            RELEASE, """
                    DELETE FROM idempotency_keys
                    WHERE scope = ? AND key = ? AND claim_token = CAST(? AS uuid) AND state = 'in_flight'""",
            DELETE_EXPIRED, """
                    DELETE FROM idempotency_keys WHERE (scope, key) IN (
                        SELECT scope, key FROM idempotency_keys WHERE expires_at <= ?
                        ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)""");

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresIdempotencyKeys(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    @Override
    public ClaimOutcome claim(KeyClaim claim) {
        return retry.run("claim idempotency key", retrying -> {
            for (int i = 0; i < CLAIM_TRIES; i++) {
                if (insertOrTakeOver(claim)) {
                    return new ClaimOutcome.Acquired();
                }
                Optional<ClaimOutcome> held = find(claim, retrying);
                if (held.isPresent()) {
                    return held.get();
                }
            }
            throw new IllegalStateException("Idempotency-Key '" + claim.key().key() + "' kept vanishing while it was claimed");
        });
    }

    private boolean insertOrTakeOver(KeyClaim claim) {
        return db.execute().createNamedGet(CLAIM)
                .addParam(claim.key().scope())
                .addParam(claim.key().key())
                .addParam(claim.fingerprint())
                .addParam(claim.token())
                .addParam(timestamp(claim.at()))
                .addParam(timestamp(claim.lockedUntil()))
                .addParam(timestamp(claim.expiresAt()))
                .execute()
                .isPresent();
    }

    /**
     * What holds the key, or empty when no row is there. A retried claim whose first statement did
     * insert before its connection broke finds its own token: the key is its own.
     */
    private Optional<ClaimOutcome> find(KeyClaim claim, boolean retrying) {
        return db.execute().createNamedGet(FIND)
                .addParam(claim.key().scope())
                .addParam(claim.key().key())
                .execute()
                .map(row -> outcome(row, claim, retrying));
    }

    private static ClaimOutcome outcome(DbRow row, KeyClaim claim, boolean retrying) {
        boolean inFlight = "in_flight".equals(text(row, "state"));
        if (retrying && inFlight && uuid(row, "claim_token").equals(claim.token())) {
            return new ClaimOutcome.Acquired();
        }
        if (!claim.fingerprint().equals(text(row, "fingerprint"))) {
            return new ClaimOutcome.Mismatch();
        }
        if (inFlight) {
            return new ClaimOutcome.InFlight();
        }
        return new ClaimOutcome.Completed(new RecordedResponse(((Number) row.column("status").get()).intValue(),
                headers(text(row, "headers")), text(row, "body")));
    }

    @Override
    public boolean complete(IdempotencyKey key, UUID token, RecordedResponse response) {
        String headers = JsonColumns.write(response.headers());
        // Done twice is harmless: the second finds the key complete and changes nothing, which
        // after a broken connection means the first took effect.
        return retry.run("complete idempotency key", retrying -> db.execute().createNamedUpdate(COMPLETE)
                .addParam(response.status())
                .addParam(headers)
                .addParam(response.body())
                .addParam(key.scope())
                .addParam(key.key())
                .addParam(token)
                .execute() == 1 || retrying);
    }

    @Override
    public void release(IdempotencyKey key, UUID token) {
        retry.run("release idempotency key", retrying -> db.execute().createNamedDelete(RELEASE)
                .addParam(key.scope())
                .addParam(key.key())
                .addParam(token)
                .execute());
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return retry.run("delete expired idempotency keys", retrying -> (int) db.execute().createNamedDelete(DELETE_EXPIRED)
                .addParam(timestamp(now))
                .addParam(limit)
                .execute());
    }

    private static Map<String, String> headers(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (JsonColumns.read(json) instanceof Map<?, ?> map) {
            map.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        return headers;
    }
}
