package io.workflow.adapters.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * JSON in and out. Request bodies become plain Java trees (maps, lists, strings, Integer/Long/
 * BigInteger, Double, booleans, null) that {@link WorkflowJson} and {@link RunJson} read into
 * commands; responses are trees or records (record components are written in snake_case).
 */
final class Json {
    static final String MEDIA_TYPE = "application/json";
    /**
     * How deep a request body may nest. Far below what the writer allows (1,000), so whatever was
     * accepted can always be written back, inside a run and inside a page of runs.
     */
    static final int MAX_NESTING_DEPTH = 64;

    /**
     * One mapper for the process. Jackson's default buffer recycler is ThreadLocal, which gives no
     * reuse when every request runs on a fresh virtual thread; a shared concurrent pool does.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** The same mapper, writing maps with their keys sorted: equal trees give equal bytes, for fingerprints. */
    private static final ObjectMapper CANONICAL = MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /**
     * The request body as a tree. Refuses a body declared as anything but JSON (415) and a body
     * that is empty or not well-formed JSON (400). A body without a Content-Type is read as JSON,
     * because the seed's clients do not always send one.
     */
    static Object readBody(ServerRequest req) {
        req.headers().first(HeaderNames.CONTENT_TYPE).ifPresent(Json::requireJson);
        byte[] body;
        try {
            body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        } catch (IllegalArgumentException e) {
            // The server reads a chunked body as the handler asks for it; a chunk size that is no
            // number surfaces here, and is the client's mistake.
            throw new ProblemException(Problem.of(Status.BAD_REQUEST_400,
                    "the request body could not be read: its chunked transfer coding is malformed"));
        }
        if (isBlank(body)) {
            throw new ProblemException(Problem.malformedJson("the request body is empty; it must be a JSON object"));
        }
        Object tree;
        try {
            tree = MAPPER.readValue(body, Object.class);
        } catch (MismatchedInputException e) {
            // The only mismatch an Object target allows: more content after the first JSON value.
            throw new ProblemException(Problem.malformedJson("malformed JSON" + at(e.getLocation())
                    + ": unexpected content after the JSON value"));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.malformedJson("malformed JSON" + at(e.getLocation())
                    + ": " + firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mayHoldNul(body)) {
            NulCharacters.reject(tree, "");
        }
        return tree;
    }

    /**
     * Refuses (413) a value whose compact JSON is larger than {@code limit} bytes: what is stored
     * is measured as the service writes it, whatever whitespace or escapes the client sent.
     */
    static void requireAtMost(Object value, long limit, String field, String what) {
        long size = bytes(value).length;
        if (size > limit) {
            throw new ProblemException(Problem.tooLarge(field, what, size, limit));
        }
    }

    /** Sends {@code value} as JSON with the response's status (200 unless set). */
    static void send(ServerResponse res, Object value) {
        sendDocument(res, bytes(value));
    }

    /** Sends {@code json}, a JSON document already written, with the response's status (200 unless set). */
    static void sendDocument(ServerResponse res, byte[] json) {
        ProblemResponses.sendBody(res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE), json);
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one streaming write of a document puts out. */
    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator generator) throws IOException;
    }

    /** The document {@code writing} puts out through a generator of this mapper (so values it writes as objects come out as {@link #bytes} writes them). */
    static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code value} as compact JSON with every object's keys in order: the same bytes for the same content. */
    static byte[] canonicalBytes(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code application/json} or any {@code type/subtype+json}, parameters such as charset allowed. */
    private static void requireJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        boolean json = mediaType.equals(MEDIA_TYPE)
                || (slash > 0 && mediaType.indexOf('/', slash + 1) < 0 && mediaType.endsWith("+json")
                && mediaType.length() > slash + "+json".length() + 1);
        if (!json) {
            throw new ProblemException(Problem.of(Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "Content-Type '" + contentType + "' is not supported; send the body as " + MEDIA_TYPE));
        }
    }

    /**
     * Whether the body may hold a NUL character. JSON can carry one only as the escape {@code \\u0000}
     * (a raw control character is malformed), so only bodies with that escape are walked.
     */
    private static boolean mayHoldNul(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u'
                    && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0' && body[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not a JSON document";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
