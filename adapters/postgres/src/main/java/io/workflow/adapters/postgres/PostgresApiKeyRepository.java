package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.port.ApiKeyRepository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.workflow.adapters.postgres.ColumnValues.instant;
import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;
import static io.workflow.adapters.postgres.ColumnValues.uuid;

/** API keys in the {@code api_keys} table, found by the unique index on {@code key_hash}; scopes space-separated. */
public final class PostgresApiKeyRepository implements ApiKeyRepository {
    private static final String INSERT = "insert-api-key";
    private static final String FIND_BY_HASH = "find-api-key-by-hash";
    private static final String FIND_BY_ID = "find-api-key-by-id";
    private static final String LIST = "list-api-keys";
    private static final String REVOKE = "revoke-api-key";
    private static final String COLUMNS = "id, tenant, scopes, name, key_hash, created_at, revoked_at";

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            INSERT, "INSERT INTO api_keys (" + COLUMNS + ") VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?, ?)",
            FIND_BY_HASH, "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?",
            FIND_BY_ID, "SELECT " + COLUMNS + " FROM api_keys WHERE id = CAST(? AS uuid)",
            LIST, "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id",
            // A revoked key keeps its first revocation time.
            REVOKE, "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = CAST(? AS uuid)");

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresApiKeyRepository(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    @Override
    public void insert(ApiKey key) {
        try {
            retry.insert("insert API key", () -> db.execute().createNamedInsert(INSERT)
                    .addParam(key.id())
                    .addParam(key.tenant())
                    .addParam(scopes(key.scopes()))
                    .addParam(key.name())
                    .addParam(key.hash())
                    .addParam(timestamp(key.createdAt()))
                    .addParam(timestamp(key.revokedAt()))
                    .execute());
        } catch (DbClientException e) {
            if (ColumnValues.isUniqueViolation(e)) {
                throw new IllegalStateException("API key " + key.id() + " (or its hash) already exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return retry.run("find API key", retrying -> db.execute().createNamedGet(FIND_BY_HASH)
                .addParam(hash).execute().map(PostgresApiKeyRepository::apiKey));
    }

    @Override
    public List<ApiKey> list() {
        return retry.run("list API keys", retrying -> {
            try (Stream<DbRow> rows = db.execute().createNamedQuery(LIST).execute()) {
                return rows.map(PostgresApiKeyRepository::apiKey).toList();
            }
        });
    }

    @Override
    public Optional<ApiKey> revoke(UUID id, Instant at) {
        return retry.run("revoke API key", retrying -> {
            db.execute().createNamedUpdate(REVOKE).addParam(timestamp(at)).addParam(id).execute();
            return db.execute().createNamedGet(FIND_BY_ID).addParam(id).execute().map(PostgresApiKeyRepository::apiKey);
        });
    }

    private static String scopes(Set<Scope> scopes) {
        return scopes.stream().sorted(Comparator.naturalOrder()).map(Scope::text).collect(Collectors.joining(" "));
    }

    private static ApiKey apiKey(DbRow row) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(text(row, "scopes").split(" ")).map(text -> Scope.parse(text, "scopes")).forEach(scopes::add);
        return new ApiKey(uuid(row, "id"), text(row, "tenant"), scopes, text(row, "name"), text(row, "key_hash"),
                instant(row, "created_at"), instant(row, "revoked_at"));
    }
}
