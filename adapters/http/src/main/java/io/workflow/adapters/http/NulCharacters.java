package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * Refuses text holding the NUL character (U+0000), which PostgreSQL can store neither in {@code text}
 * nor in {@code jsonb}: the request is answered 422 naming the field, in the embedded mode as in
 * the stack, instead of failing later in the store.
 */
final class NulCharacters {
    private static final String REASON = "must not contain the NUL character (\\u0000)";

    private NulCharacters() {
    }

    /** Throws {@link InvalidInputException} for the first string or key under {@code path} that holds a NUL. */
    static void reject(Object tree, String path) {
        switch (tree) {
            case String text when text.indexOf('\0') >= 0 -> throw new InvalidInputException(path.isEmpty() ? null : path, REASON);
            case Map<?, ?> map -> map.forEach((key, value) -> {
                String name = String.valueOf(key);
                String field = path.isEmpty() ? name : path + "." + name;
                if (name.indexOf('\0') >= 0) {
                    throw path.isEmpty()
                            ? new InvalidInputException(null, "the body must not have a key containing the NUL character (\\u0000)")
                            : new InvalidInputException(path, "must not have a key containing the NUL character (\\u0000)");
                }
                reject(value, field);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    reject(list.get(i), path + "[" + i + "]");
                }
            }
            case null, default -> {
            }
        }
    }
}
