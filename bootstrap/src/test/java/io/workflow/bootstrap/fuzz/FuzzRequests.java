package io.workflow.bootstrap.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generated requests for the API, valid-ish and hostile: JSON bodies of the right and wrong shapes,
 * wrong types, long strings, NULs, lone surrogates, deep nesting, broken JSON and bytes that are no
 * text; content types, lying or broken Content-Length, chunked bodies, odd methods and headers;
 * paths and query strings with junk ids, limits, cursors and statuses. {@code workflowId} is an
 * existing workflow (with short steps only), so that some triggers are accepted.
 */
public final class FuzzRequests {
    private static final int HUGE_STRING = 300 * 1024;

    private final String host;
    private final String workflowId;
    /** Header lines (each ending in CRLF) every request carries after {@code Host}: an API key, or nothing. */
    private final String credentials;

    public FuzzRequests(String host, String workflowId) {
        this(host, workflowId, "");
    }

    public FuzzRequests(String host, String workflowId, String credentials) {
        this.host = host;
        this.workflowId = workflowId;
        this.credentials = credentials;
    }

    public Arbitrary<FuzzRequest> requests() {
        return Arbitraries.frequencyOf(
                weighted(4, () -> triggers()),
                weighted(3, () -> workflowCreations()),
                weighted(3, () -> reads()),
                weighted(2, () -> anything()));
    }

    private Arbitrary<FuzzRequest> triggers() {
        Arbitrary<String> body = Arbitraries.frequencyOf(
                weighted(6, () -> Combinators.combine(workflowIdValue(), payload())
                        .as((id, payload) -> "{\"workflow_id\":" + id + ",\"payload\":" + payload + "}")),
                weighted(1, () -> Json.value(4)),
                weighted(1, () -> Json.hostile()));
        return request(Arbitraries.of("POST", "POST", "POST", "PUT", "GET"), Arbitraries.of("/api/v1/trigger",
                "/api/v1/trigger/", "/api/v1/trigger?x=1"), body);
    }

    private Arbitrary<FuzzRequest> workflowCreations() {
        Arbitrary<String> step = Combinators.combine(Json.string(), Arbitraries.of("\"delay\"", "\"webhook\"", "\"junk\"",
                        "1", "null", "\"DELAY\""), stepConfig())
                .as((name, type, config) -> "{\"name\":" + name + ",\"type\":" + type + ",\"config\":" + config + "}");
        Arbitrary<String> steps = Arbitraries.frequencyOf(
                weighted(5, () -> step.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]")),
                weighted(1, () -> Json.value(3)));
        Arbitrary<String> body = Arbitraries.frequencyOf(
                weighted(6, () -> Combinators.combine(Json.string(), Json.string(), Json.value(2), steps)
                        .as((name, description, id, list) -> "{\"name\":" + name + ",\"description\":" + description
                                + ",\"id\":" + id + ",\"steps\":" + list + "}")),
                weighted(1, () -> Json.value(4)),
                weighted(1, () -> Json.hostile()));
        return request(Arbitraries.of("POST", "POST", "POST", "PATCH", "DELETE"), Arbitraries.of("/api/v1/workflows",
                "/api/v1/workflows/"), body);
    }

    private Arbitrary<FuzzRequest> reads() {
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/health", "/api/v1/runs", "/api/v1/runs/", "/api/v1/workflows/" + workflowId),
                idJunk().map(id -> "/api/v1/runs/" + id),
                idJunk().map(id -> "/api/v1/workflows/" + id));
        Arbitrary<String> target = Combinators.combine(path, queryString()).as((p, q) -> p + q);
        return request(Arbitraries.of("GET", "GET", "GET", "HEAD", "OPTIONS", "DELETE"), target,
                Arbitraries.just(null));
    }

    private Arbitrary<FuzzRequest> anything() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                "FOO", "get", "PROPFIND", "M-SEARCH");
        Arbitrary<String> target = Arbitraries.oneOf(
                Arbitraries.of("/api/v1/../../etc/passwd", "/%00", "/%zz", "//", "/api/v1/runs/%2e%2e", "/api/v1//runs",
                        "/api", "/api/v1", "/api/v1/", "/openapi", "/observe/health", "/health/", "/api/v1/runs/%0a",
                        "/api/v1/workflows?%", "/api/v1/runs?limit=%ff", "/\u00e9t\u00e9", "/api/v1/runs/\u0000"),
                // Any characters but line breaks, which would make it an HTTP/0.9 request (answered without a status line).
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).map(text -> "/" + text.replace('\r', '~').replace('\n', '~')),
                Arbitraries.integers().between(100, 20_000).map(n -> "/" + "a/".repeat(n / 2)));
        Arbitrary<String> body = Arbitraries.frequencyOf(
                weighted(2, () -> Arbitraries.just(null)),
                weighted(1, () -> Json.value(3)),
                weighted(1, () -> Json.hostile()));
        return request(method, target, body);
    }

    /** A request line, headers and a body framed in one of the ways a client may (mis)frame it. */
    private Arbitrary<FuzzRequest> request(Arbitrary<String> methods, Arbitrary<String> targets, Arbitrary<String> bodies) {
        return Combinators.combine(methods, targets, bodies, contentType(), framing(), extraHeaders())
                .as((method, target, body, contentType, framing, extra) -> build(method, target,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType, framing, extra));
    }

    private FuzzRequest build(String method, String target, byte[] body, String contentType, Framing framing, String extra) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        write(wire, method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + credentials);
        if (contentType != null) {
            write(wire, "Content-Type: " + contentType + "\r\n");
        }
        write(wire, extra);
        boolean own = !extra.isEmpty() || !target.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                || (contentType != null && !contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        if (body == null && framing != Framing.HUGE_DECLARED) {
            write(wire, method.equals("POST") || method.equals("PUT") ? "Content-Length: 0\r\n\r\n" : "\r\n");
            return new FuzzRequest(method, target, wire.toByteArray(), own);
        }
        byte[] bytes = body == null ? new byte[0] : body;
        switch (framing) {
            case EXACT -> {
                write(wire, "Content-Length: " + bytes.length + "\r\n\r\n");
                wire.writeBytes(bytes);
            }
            case CHUNKED -> {
                write(wire, "Transfer-Encoding: chunked\r\n\r\n");
                int half = bytes.length / 2;
                if (half > 0) {
                    write(wire, Integer.toHexString(half) + "\r\n");
                    wire.write(bytes, 0, half);
                    write(wire, "\r\n");
                }
                if (bytes.length - half > 0) {
                    write(wire, Integer.toHexString(bytes.length - half) + "\r\n");
                    wire.write(bytes, half, bytes.length - half);
                    write(wire, "\r\n");
                }
                write(wire, "0\r\n\r\n");
            }
            case SHORTER_DECLARED -> {
                write(wire, "Content-Length: " + Math.max(0, bytes.length - 3) + "\r\n\r\n");
                wire.writeBytes(bytes);
                own = true;
            }
            case HUGE_DECLARED -> {
                // Declared far past every body limit: answered (413) without waiting for the bytes.
                write(wire, "Content-Length: 50000000\r\n\r\n");
                wire.write(bytes, 0, Math.min(bytes.length, 100));
                own = true;
            }
            case BROKEN_LENGTH -> {
                write(wire, "Content-Length: " + brokenLength(bytes.length) + "\r\n\r\n");
                wire.writeBytes(bytes);
                own = true;
            }
            case BROKEN_CHUNKS -> {
                write(wire, "Transfer-Encoding: chunked\r\n\r\nzz\r\n");
                wire.writeBytes(bytes);
                write(wire, "\r\n0\r\n\r\n");
                own = true;
            }
        }
        return new FuzzRequest(method, target, wire.toByteArray(), own);
    }

    private static String brokenLength(int length) {
        return switch (length % 5) {
            case 0 -> "abc";
            case 1 -> "-" + length;
            case 2 -> length + ", " + (length + 1);
            case 3 -> "99999999999999999999999";
            default -> length + "\r\nContent-Length: " + (length + 7);
        };
    }

    private enum Framing {
        EXACT, CHUNKED, SHORTER_DECLARED, HUGE_DECLARED, BROKEN_LENGTH, BROKEN_CHUNKS
    }

    private static Arbitrary<Framing> framing() {
        return Arbitraries.frequency(
                Tuple.of(40, Framing.EXACT),
                Tuple.of(3, Framing.CHUNKED),
                Tuple.of(1, Framing.SHORTER_DECLARED),
                Tuple.of(1, Framing.HUGE_DECLARED),
                Tuple.of(1, Framing.BROKEN_LENGTH),
                Tuple.of(1, Framing.BROKEN_CHUNKS));
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.frequencyOf(
                weighted(12, () -> Arbitraries.just("application/json")),
                weighted(3, () -> Arbitraries.just(null)),
                weighted(3, () -> Arbitraries.of("application/json; charset=utf-8", "text/plain",
                        "application/problem+json", "application/x-www-form-urlencoded", "", "application/",
                        "/json", "+json", "a/b+json", "application/json; charset=latin1", "APPLICATION/JSON",
                        "multipart/form-data; boundary=x", "application/json;;;", "*/*", "application/json\u00e9")),
                weighted(1, () -> Arbitraries.strings().ofMaxLength(60)));
    }

    private static Arbitrary<String> extraHeaders() {
        return Arbitraries.frequencyOf(
                weighted(30, () -> Arbitraries.just("")),
                weighted(1, () -> Arbitraries.of(
                        "Expect: 100-continue\r\n",
                        "Transfer-Encoding: gzip\r\n",
                        "Content-Encoding: gzip\r\n",
                        "Accept: \u00ff\u00fe\r\n",
                        "X-No-Colon\r\n",
                        " folded: header\r\n",
                        "Connection: close\r\n",
                        "Content-Length: 5\r\nContent-Length: 5\r\n",
                        "Host: second.example\r\n")),
                weighted(1, () -> Arbitraries.integers().between(1, 40_000)
                        .map(n -> "X-Long: " + "v".repeat(n) + "\r\n")),
                weighted(1, () -> Arbitraries.integers().between(1, 300)
                        .map(n -> "X-Many: 1\r\n".repeat(n))));
    }

    private Arbitrary<String> workflowIdValue() {
        return Arbitraries.frequencyOf(
                weighted(6, () -> Arbitraries.just("\"" + workflowId + "\"")),
                weighted(1, () -> Arbitraries.just("\"" + UUID.randomUUID() + "\"")),
                weighted(1, () -> Json.value(1)),
                weighted(1, () -> Arbitraries.of("\"" + workflowId.toUpperCase() + "\"",
                        "\"" + workflowId + " \"", "\"" + workflowId.replace("-", "") + "\"",
                        "\"" + workflowId + "\\u0000\"")));
    }

    private static Arbitrary<String> payload() {
        return Arbitraries.frequencyOf(
                weighted(8, () -> Json.object(3)),
                weighted(1, () -> Json.value(2)),
                weighted(1, () -> Json.hostileObject()));
    }

    private static Arbitrary<String> stepConfig() {
        Arbitrary<String> delay = Arbitraries.oneOf(
                Arbitraries.of("0.001", "0", "-1", "1e400", "-0", "\"1\"", "null", "1e-400", "99999999999999999999",
                        "0.0000000001", "86400", "NaN").map(d -> "{\"duration\":" + d + "}"),
                Json.object(2));
        Arbitrary<String> webhook = Combinators.combine(
                Arbitraries.of("\"http://127.0.0.1:9/hook\"", "\"not a url\"", "\"ftp://127.0.0.1/\"", "\"http://\"",
                        "\"http://127.0.0.1:9/${payload.x}\"", "1", "\"http://[::1\""),
                Arbitraries.of("\"POST\"", "\"GET\"", "\"BREW\"", "\"\"", "\"P O S T\"", "7"),
                Json.object(2), Json.value(2))
                .as((url, method, headers, body) -> "{\"url\":" + url + ",\"method\":" + method + ",\"headers\":"
                        + headers + ",\"body\":" + body + "}");
        return Arbitraries.oneOf(delay, webhook, Json.value(2));
    }

    private static Arbitrary<String> queryString() {
        Arbitrary<String> parameter = Combinators.combine(
                Arbitraries.of("limit", "cursor", "status", "workflow_id", "x", "limit", "cursor", "", "%",
                        "created_after", "created_before", "order"),
                queryJunk()).as((key, value) -> key + "=" + value);
        return Arbitraries.frequencyOf(
                weighted(2, () -> Arbitraries.just("")),
                weighted(5, () -> parameter.list().ofMinSize(1).ofMaxSize(4)
                        .map(list -> "?" + String.join("&", list))));
    }

    private static Arbitrary<String> queryJunk() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "-1", "1", "50", "200", "201", "1e3", "99999999999999999999", "abc", "%00", "%ff",
                        "%", "null", "+", "%20", "pending", "running", "success", "failed", "SUCCESS", "cancelled",
                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%C3%A9", "2147483648", "1.5",
                        "asc", "desc", "2026-11-30T00:00:00Z", "2026-11-30T00:00:00+25:00", "2026-11-30T23:59:60Z",
                        "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(80).map(FuzzRequests::percentEncodeSome),
                Arbitraries.integers().between(1, 6_000).map("A"::repeat));
    }

    private static Arbitrary<String> idJunk() {
        return Arbitraries.oneOf(
                Arbitraries.just(UUID.randomUUID().toString()),
                Arbitraries.of("", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..", "%2F",
                        "123", "ffffffff-ffff-ffff-ffff-fffffffffffffff", "{uuid}", "%C3%A9"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60).map(FuzzRequests::percentEncodeSome));
    }

    /** Leaves what may stand in a URL as it is, and percent-encodes the rest, so the request line stays one line. */
    private static String percentEncodeSome(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-._~!$'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c & 0xff));
            }
        }
        return out.toString();
    }

    /** One choice of {@link Arbitraries#frequencyOf}, built only when chosen among (recursive generators stay finite). */
    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Supplier<Arbitrary<? extends T>> arbitrary) {
        return Tuple.of(weight, Arbitraries.lazy(arbitrary::get));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        // Latin-1, so that a generated character above 0x7f is one raw byte on the wire.
        for (char c : text.toCharArray()) {
            out.write(c > 0xff ? '?' : c);
        }
    }

    /** JSON text, written here so that escapes, raw bytes and broken documents can be chosen. */
    static final class Json {
        private Json() {
        }

        static Arbitrary<String> value(int depth) {
            if (depth <= 0) {
                return scalar();
            }
            return Arbitraries.frequencyOf(
                    weighted(4, Json::scalar),
                    weighted(2, () -> object(depth)),
                    weighted(1, () -> value(depth - 1).list().ofMaxSize(4)
                            .map(items -> "[" + String.join(",", items) + "]")));
        }

        static Arbitrary<String> object(int depth) {
            Arbitrary<String> member = Combinators.combine(string(), Arbitraries.lazy(() -> value(depth - 1)))
                    .as((key, value) -> key + ":" + value);
            return member.list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        }

        static Arbitrary<String> scalar() {
            return Arbitraries.frequencyOf(
                    weighted(4, Json::string),
                    weighted(2, () -> Arbitraries.integers().map(String::valueOf)),
                    weighted(1, () -> Arbitraries.of("true", "false", "null", "-0", "1e400", "-1e400",
                            "123456789012345678901234567890", "1.0e-400", "0.1", "1E+2", "-9223372036854775809",
                            "3.4028236e38", "4.9e-324")),
                    weighted(1, () -> Arbitraries.doubles().map(String::valueOf)
                            .filter(d -> !d.contains("N") && !d.contains("I"))));
        }

        /** A JSON string: any characters, each written raw (UTF-8) or as an escape; some hostile on purpose. */
        static Arbitrary<String> string() {
            return Arbitraries.frequencyOf(
                    weighted(10, () -> Arbitraries.strings().ofMaxLength(20).map(Json::quote)),
                    weighted(3, () -> Arbitraries.strings().all().ofMaxLength(20).map(Json::quoteEscapingSome)),
                    weighted(1, () -> Arbitraries.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"",
                            "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\uD800\\uD800\"", "\"\\u00e9\"", "\"\uFFFF\"",
                            "\"\uFEFF\"", "\"${payload.x}\"", "\"${a.b.c}\"", "\"${\"")),
                    weighted(1, () -> Arbitraries.integers().between(0, HUGE_STRING)
                            .map(n -> "\"" + "s".repeat(n) + "\"")));
        }

        static Arbitrary<String> hostile() {
            return Arbitraries.oneOf(
                    Arbitraries.integers().between(2, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
                    Arbitraries.integers().between(2, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
                    Arbitraries.of("", " ", "null", "[]", "{}", "{", "}", "{\"a\":1,}", "{\"a\":1}{", "{\"a\" 1}",
                            "\uFEFF{}", "{'a':1}", "{\"a\":1,\"a\":2}", "{\"a\":\"\u0001\"}", "{\"a\":NaN}", "tru",
                            "{\"workflow_id\":", "\u0000", "{\"a\":\"\\x41\"}", "[1,2", "{\"a\":01}", "{\"\":\"\"}"),
                    value(3).map(json -> json.isEmpty() ? json : json.substring(0, json.length() / 2)),
                    Arbitraries.strings().ofMaxLength(200),
                    Arbitraries.integers().between(1_048_000, 1_100_000).map(n -> "{\"s\":\"" + "x".repeat(n) + "\"}"));
        }

        static Arbitrary<String> hostileObject() {
            return Arbitraries.oneOf(
                    Arbitraries.integers().between(2, 200).map(n -> "{\"a\":" + "[".repeat(n) + "]".repeat(n) + "}"),
                    Arbitraries.integers().between(200_000, 300_000).map(n -> "{\"s\":\"" + "p".repeat(n) + "\"}"),
                    Arbitraries.integers().between(1, 20_000).map(n -> "{" + keys(n) + "}"),
                    Arbitraries.of("{\"a\":\"\\u0000\"}", "{\"\\u0000\":1}", "{\"a\":\"\\ud800\"}", "{\"\\udfff\":1}"));
        }

        private static String keys(int n) {
            List<String> members = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                members.add("\"k" + i + "\":" + i);
            }
            return String.join(",", members);
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private static String quoteEscapingSome(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20 || i % 2 == 0) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
