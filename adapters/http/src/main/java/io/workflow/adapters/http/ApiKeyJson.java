package io.workflow.adapters.http;

import io.workflow.application.CreateApiKey;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Scope;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** API keys on the wire: the create request, and a key as answered (its hash never; its secret only once). */
final class ApiKeyJson {
    private ApiKeyJson() {
    }

    /** {@code {"tenant", "scopes": [...], "name"?}}; {@link InvalidInputException} names the offending field. */
    static CreateApiKey.Command command(Object body) {
        RequestFields fields = RequestFields.of(body, "");
        String tenant = fields.requiredString("tenant");
        List<?> names = fields.requiredArray("scopes");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < names.size(); i++) {
            String field = "scopes[" + i + "]";
            if (!(names.get(i) instanceof String name)) {
                throw new InvalidInputException(field, "must be a string");
            }
            scopes.add(Scope.parse(name, field));
        }
        return new CreateApiKey.Command(tenant, scopes, fields.optionalString("name"));
    }

    /** A key as {@code GET /keys} lists it. */
    static Map<String, Object> tree(ApiKey key) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", key.id().toString());
        tree.put("tenant", key.tenant());
        tree.put("scopes", key.scopes().stream().sorted().map(Scope::text).toList());
        tree.put("name", key.name());
        tree.put("created_at", WireInstants.text(key.createdAt()));
        tree.put("revoked_at", WireInstants.text(key.revokedAt()));
        return tree;
    }

    /** A key just created: the only answer that holds the key itself. */
    static Map<String, Object> issued(CreateApiKey.Issued issued) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", issued.key().id().toString());
        tree.put("key", issued.secret());
        tree.putAll(tree(issued.key()));
        tree.remove("revoked_at");
        return tree;
    }
}
