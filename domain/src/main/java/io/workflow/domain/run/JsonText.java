package io.workflow.domain.run;

import java.util.Objects;

/**
 * A JSON value still in the text a store kept it in. The domain never reads it; an adapter that
 * speaks JSON passes it on as it is, which spares decoding a value only to encode it again.
 */
public record JsonText(String text) {
    public JsonText {
        Objects.requireNonNull(text, "text");
    }
}
