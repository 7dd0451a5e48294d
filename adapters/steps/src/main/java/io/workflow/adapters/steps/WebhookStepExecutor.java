package io.workflow.adapters.steps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.StepExecutor.Call;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.run.RunContext.UnresolvedPlaceholderException;
import io.workflow.domain.workflow.RetryPolicy.Failure;
import io.workflow.domain.workflow.WebhookStep;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a webhook with its placeholders resolved and records the answer as
 * {@code {"status_code", "headers": {"content-type"}, "body"}}: the body parsed when it is JSON,
 * text otherwise, at most {@link WebhookSettings#maxAnswerBytes} of it: a longer body is cut there,
 * kept as text and marked {@code "body_truncated": true}, and the step still succeeds or fails by
 * its status code alone. Anything but a 2xx answer is a failure.
 *
 * <p>A call reaches only addresses its {@link WebhookAddressPolicy} allows: the host's addresses are
 * judged before the request is sent and again inside the client's own lookup ({@link WebhookLookups}),
 * so a blocked call fails with the reason and no connection is made. Redirects are never followed:
 * a 3xx answer is the step's answer, and its {@code Location} is not called.
 */
final class WebhookStepExecutor implements AutoCloseable {
    /**
     * An answer nested deeper than this is kept as text: a stored output must always be writable
     * again inside a run and a page of runs, whose writer stops at 1,000 levels.
     */
    static final int MAX_NESTING_DEPTH = 64;

    private final Duration connectTimeout;
    private final WebhookSettings settings;
    private final int maxAnswerBytes;
    private final ExecutorService threads;
    private final HttpClient client;
    private final ObjectMapper json;
    private final WebhookAddressPolicy addresses;
    private final String selectorThread;
    private final SigningSecretRepository secrets;
    private final Clock clock;

    /** {@code secrets}: the workflows' signing secrets; {@code clock}: the signatures' timestamps. */
    WebhookStepExecutor(WebhookSettings settings, SigningSecretRepository secrets, Clock clock) {
        WebhookLookups.requireInstalled();
        this.secrets = secrets;
        this.clock = clock;
        this.connectTimeout = settings.connectTimeout();
        this.settings = settings;
        this.maxAnswerBytes = settings.maxAnswerBytes();
        this.addresses = settings.addresses();
        this.threads = Executors.newThreadPerTaskExecutor(
                WebhookLookups.policed(addresses, Thread.ofVirtual().name("webhook-", 0).factory()));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(threads)
                .build();
        this.selectorThread = selectorThreadName(client);
        WebhookLookups.police(selectorThread, addresses);
        // Jackson's default thread-local buffer pool gives no reuse on virtual threads.
        JsonFactory factory = JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        this.json = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    StepOutcome execute(WebhookStep step, RunContext context) {
        return execute(step, context, null);
    }

    /**
     * Calls the webhook; for a known {@code call} the request carries {@code webhook-id} and
     * {@code Idempotency-Key} (the same for every try of the step), {@code webhook-timestamp}, and,
     * when the workflow has signing secrets, {@code webhook-signature} over exactly the bytes sent.
     */
    StepOutcome execute(WebhookStep step, RunContext context, Call stepCall) {
        Duration timeout = settings.timeoutFor(step.timeout());
        HttpRequest request;
        try {
            request = request(step, context, stepCall, timeout);
        } catch (UnresolvedPlaceholderException e) {
            return new StepOutcome.Failed(e.getMessage(), null);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // A resolved URL that is no longer valid, a header the JDK client refuses to set.
            return new StepOutcome.Failed("webhook " + step.method() + " " + step.url() + " cannot be sent: " + e.getMessage(), null);
        }
        String call = "webhook " + step.method() + " " + request.uri();
        try {
            WebhookLookups.resolve(request.uri().getHost(), addresses);
        } catch (BlockedAddressException e) {
            return new StepOutcome.Failed(call + " blocked, no connection made: " + e.reason(), null);
        } catch (UnknownHostException e) {
            return new StepOutcome.Failed(call + " failed: unknown host " + request.uri().getHost(), null, Failure.CONNECT, null);
        }
        CompletableFuture<HttpResponse<CappedBody>> pending = client.sendAsync(request, CappedBody.handler(maxAnswerBytes));
        HttpResponse<CappedBody> response;
        try {
            // The request timeout alone stops at the response headers; this bounds reading the body too.
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new StepOutcome.Failed(call + " failed: timed out after " + text(timeout), null, Failure.TIMEOUT, null);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("interrupted", null);
        } catch (ExecutionException e) {
            return new StepOutcome.Failed(call + " failed: " + describe(e.getCause(), request.uri(), timeout), null,
                    failureOf(e.getCause()), null);
        }
        Map<String, Object> output = output(response);
        if (response.statusCode() / 100 != 2) {
            return new StepOutcome.Failed(call + " answered " + response.statusCode(), output,
                    failureOf(response.statusCode()), retryAfter(response));
        }
        return new StepOutcome.Succeeded(output);
    }

    /** Closes the client, letting calls in flight finish, then its threads. */
    @Override
    public void close() {
        client.close();
        threads.close();
        WebhookLookups.release(selectorThread);
    }

    /**
     * The name of the client's selector thread, which the JDK derives from the client's id; its
     * {@code toString()} ends with that id in parentheses for this very purpose.
     */
    private static String selectorThreadName(HttpClient client) {
        String text = client.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw new IllegalStateException("cannot tell the HTTP client's id from " + text);
        }
        return "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
    }

    private HttpRequest request(WebhookStep step, RunContext context, Call call, Duration timeout) throws JsonProcessingException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(context.resolveText(step.url(), this::inlineJson)))
                .timeout(timeout);
        step.headers().forEach((name, value) -> builder.header(name, context.resolveText(value, this::inlineJson)));
        Object body = context.resolve(step.body(), this::inlineJson);
        byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
        if (body != null && step.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            builder.header("Content-Type", "application/json");
        }
        if (call != null) {
            sign(builder, call, bytes);
        }
        return builder.method(step.method(), body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes)).build();
    }

    /** Sets the identity and signature headers, replacing any a step's own headers named the same. */
    private void sign(HttpRequest.Builder builder, Call call, byte[] body) {
        String messageId = WebhookSignatures.messageId(call);
        long timestamp = clock.instant().getEpochSecond();
        builder.setHeader(WebhookSignatures.ID, messageId)
                .setHeader(WebhookSignatures.TIMESTAMP, Long.toString(timestamp))
                .setHeader(WebhookSignatures.IDEMPOTENCY_KEY, messageId);
        secrets.find(call.workflowId())
                .map(found -> WebhookSignatures.signature(found.signingAt(clock.instant()), messageId, timestamp, body))
                .ifPresent(signature -> builder.setHeader(WebhookSignatures.SIGNATURE, signature));
    }

    /** How a placeholder's value that is not text reads inside a longer string: as JSON. */
    private String inlineJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a placeholder's value cannot be written as JSON", e);
        }
    }

    private Map<String, Object> output(HttpResponse<CappedBody> response) {
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        Map<String, Object> headers = new LinkedHashMap<>();
        contentType.ifPresent(value -> headers.put("content-type", value));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status_code", response.statusCode());
        output.put("headers", headers);
        output.put("body", body(response.body(), contentType.orElse("")));
        if (response.body().truncated()) {
            output.put("body_truncated", true);
        }
        return output;
    }

    /**
     * The answer's body: parsed when it is JSON that can be stored as it is, else its text. PostgreSQL
     * stores no NUL character, so JSON carrying one (as {@code \\u0000}) is kept as its text, where the
     * escape is six plain characters, and a raw NUL in a text answer becomes U+FFFD.
     */
    private Object body(CappedBody body, String contentType) {
        if (body.bytes().length == 0) {
            return null;
        }
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        if (!body.truncated() && isJson(contentType) && !text.contains("\\u0000")) {
            try {
                return json.readValue(body.bytes(), Object.class);
            } catch (IOException e) {
                // Labelled JSON but is not, or nested too deep: keep what the server said as text.
            }
        }
        return text.replace('\0', '\uFFFD');
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private String describe(Throwable error, URI uri, Duration timeout) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        if (causes(error, UnresolvedAddressException.class) || causes(error, UnknownHostException.class)) {
            return WebhookLookups.lastRefusal(uri.getHost()).map(why -> "blocked, no connection made: " + why)
                    .orElse("unknown host " + uri.getHost());
        }
        String message = deepestMessage(error);
        return switch (error) {
            case HttpConnectTimeoutException e -> "connect timed out after " + text(connectTimeout);
            case HttpTimeoutException e -> "timed out after " + text(timeout);
            // The JDK client drops the system's text; a ConnectException without one is a refused connection.
            case ConnectException e -> message == null ? "connection refused" : "could not connect: " + message;
            default -> message == null ? error.getClass().getSimpleName() : message;
        };
    }

    /** The kind of a call that got no answer: the whole call timed out, or the connection failed. */
    private static Failure failureOf(Throwable error) {
        return causes(error, HttpTimeoutException.class) && !causes(error, HttpConnectTimeoutException.class)
                ? Failure.TIMEOUT : Failure.CONNECT;
    }

    /** The kind of an answer that was not 2xx; null for one no retry can mend (1xx, 3xx). */
    static Failure failureOf(int status) {
        return switch (status) {
            case 408 -> Failure.TIMEOUT;
            case 429 -> Failure.TOO_MANY_REQUESTS;
            default -> status >= 500 ? Failure.SERVER_ERROR : status >= 400 ? Failure.CLIENT_ERROR : null;
        };
    }

    /** The receiver's {@code Retry-After}, in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static boolean causes(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String deepestMessage(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
