package io.workflow.perf.load;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/** Reads a few top-level fields of a JSON object by streaming: the flow needs an id or a status, not a tree. */
public final class JsonFields {

    // the default thread-local buffer pool never reuses anything on short-lived virtual threads
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();

    private JsonFields() {
    }

    /**
     * The text of each {@code wanted} field that is a string or a number; fields that are absent, null or
     * structured are left out. Throws when the body is not a JSON object.
     */
    public static Map<String, String> read(byte[] json, String... wanted) throws IOException {
        Map<String, String> found = new HashMap<>(4);
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if ((value == JsonToken.VALUE_STRING || value.isNumeric()) && isWanted(name, wanted)) {
                    found.put(name, parser.getText());
                    if (found.size() == wanted.length) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    private static boolean isWanted(String name, String[] wanted) {
        for (String field : wanted) {
            if (field.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
