package io.workflow.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property every generated request must keep: an answer arrives, complete and in time, and it
 * is not a 5xx; a run a trigger accepted can be read back. Shared by the embedded fuzz test and its
 * pass through nginx.
 */
public final class FuzzCheck {
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final RawHttp http;
    private final String host;
    /** Header lines (each ending in CRLF) the checks' own reads carry: an API key, or nothing. */
    private final String credentials;

    public FuzzCheck(RawHttp http, String host) {
        this(http, host, "");
    }

    public FuzzCheck(RawHttp http, String host, String credentials) {
        this.http = http;
        this.host = host;
        this.credentials = credentials;
    }

    /** Null when the request was answered well, else what went wrong (status and body, or how the answer failed). */
    public String violation(FuzzRequest request) {
        RawHttp.Answer answer;
        try {
            answer = http.exchange(request);
        } catch (RawHttp.NoAnswer e) {
            return e.getMessage();
        }
        if (answer.status() >= 500) {
            return "answered " + answer.status() + ": " + abbreviated(answer.text());
        }
        if (answer.status() == 200 && request.isTrigger()) {
            Matcher runId = RUN_ID.matcher(answer.text());
            if (runId.find()) {
                return readBack("/api/v1/runs/" + runId.group(1));
            }
        }
        return null;
    }

    /** Null when {@code path} answers 200, else what it answered. */
    public String readBack(String path) {
        FuzzRequest get = get(path);
        try {
            RawHttp.Answer answer = http.exchange(get);
            return answer.status() == 200 ? null
                    : "reading " + path + " answered " + answer.status() + ": " + abbreviated(answer.text());
        } catch (RawHttp.NoAnswer e) {
            return "reading " + path + ": " + e.getMessage();
        }
    }

    /** A plain GET, kept alive. */
    public FuzzRequest get(String path) {
        return new FuzzRequest("GET", path, ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + credentials + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** Walks every page of {@code GET /api/v1/runs?workflow_id=} (at most {@code maxPages}); null when each answered 200. */
    public String walkRuns(String workflowId, int maxPages) {
        String cursor = "";
        for (int page = 0; page < maxPages; page++) {
            String path = "/api/v1/runs?limit=200&workflow_id=" + workflowId + "&cursor=" + cursor;
            RawHttp.Answer answer;
            try {
                answer = http.exchange(get(path));
            } catch (RawHttp.NoAnswer e) {
                return "listing " + path + ": " + e.getMessage();
            }
            if (answer.status() != 200) {
                return "listing " + path + " answered " + answer.status() + ": " + abbreviated(answer.text());
            }
            Matcher next = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(answer.text());
            if (!next.find()) {
                return null;
            }
            cursor = next.group(1);
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
