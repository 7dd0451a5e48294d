import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether {@code /observe/metrics} of a running stack holds what an operator needs: every family
 * the README lists, with samples. First it makes the outcomes a load of the seed flow never makes
 * (webhook calls answered 2xx and 5xx, a retried and failed step, a timed-out call, a run cancelled,
 * retried and cancelled again), through the public API, against a receiver it serves itself on
 * 127.0.0.2 (the stack's WEBHOOK_ALLOW must let webhooks reach it). Then it scrapes every METRICS_URL
 * (the API replicas' and workers' own ports), saves each scrape in OUT, and writes OUT/metrics.md: each
 * family, its sum over the processes and whether it passes. Exit 1 when one does not. Every request is
 * bounded (10 s), and so is every wait for a run (120 s).
 * <pre>java ops/tools/MetricsCheck.java API_URL KEY_FILE|- OUT METRICS_URL...</pre>
 */
public class MetricsCheck {
    private static final Duration REQUEST = Duration.ofSeconds(10);
    private static final Duration RUN_WAIT = Duration.ofSeconds(120);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST).build();
    private final String api;
    private final String key;

    private MetricsCheck(String api, String key) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.key = key;
    }

    /** One sample of a scrape: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A family the README lists, what it is summed over, and what it must reach. */
    record Rule(String name, Map<String, String> labels, boolean gauge) {
        static Rule counted(String name, String... labels) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < labels.length; i += 2) {
                map.put(labels[i], labels[i + 1]);
            }
            return new Rule(name, map, false);
        }

        static Rule present(String name) {
            return new Rule(name, Map.of(), true);
        }

        /** The rule as the report's first column shows it. */
        String what() {
            if (gauge) {
                return name + " (gauge, every process that exports it)";
            }
            return labels.isEmpty() ? name : name + " " + labels.entrySet().stream()
                    .map(label -> label.getKey() + "=\"" + label.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java ops/tools/MetricsCheck.java API_URL KEY_FILE|- OUT METRICS_URL...");
            System.exit(2);
        }
        String key = args[1].equals("-") ? null : Files.readString(Path.of(args[1])).strip();
        Path out = Files.createDirectories(Path.of(args[2]));
        List<String> scrapes = List.of(args).subList(3, args.length);
        System.exit(new MetricsCheck(args[0], key).check(out, scrapes) ? 0 : 1);
    }

    private boolean check(Path out, List<String> metricsUrls) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 64);
        receiver.createContext("/ok", exchange -> answer(exchange, 200));
        receiver.createContext("/fail", exchange -> answer(exchange, 500));
        receiver.createContext("/slow", exchange -> {
            sleep(3_000);
            answer(exchange, 200);
        });
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        try {
            makeOutcomes("http://127.0.0.2:" + receiver.getAddress().getPort());
        } finally {
            receiver.stop(0);
        }
        System.out.println("waiting 6 s: the workers measure the consumer lag every 5 s");
        sleep(6_000);
        List<Sample> samples = new ArrayList<>();
        for (String url : metricsUrls) {
            String text = get(URI.create(url), false).body();
            Files.writeString(out.resolve("scrape-" + URI.create(url).getPort() + ".txt"), text);
            samples.addAll(parse(text));
        }
        return report(out.resolve("metrics.md"), samples, metricsUrls);
    }

    /** Webhook successes and 5xx, retries, a time-out, and a cancel → retry → cancel of a running run. */
    private void makeOutcomes(String receiver) throws Exception {
        String ok = createWorkflow("metrics-check-ok", "[" + DELAY + ", " + webhook("call", receiver + "/ok", "") + "]");
        String failing = createWorkflow("metrics-check-5xx", "[" + webhook("call", receiver + "/fail",
                ", \"retry\": {\"max_attempts\": 3, \"initial_interval\": 0.2}") + "]");
        String slow = createWorkflow("metrics-check-timeout", "[" + webhook("call", receiver + "/slow", ", \"timeout\": 1") + "]");
        String held = createWorkflow("metrics-check-held", "[{\"name\": \"hour\", \"type\": \"delay\", \"config\": {\"duration\": 3600}}]");
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            expected.put(trigger(ok), "success");
        }
        for (int i = 0; i < 5; i++) {
            expected.put(trigger(failing), "failed");
            expected.put(trigger(slow), "failed");
        }
        String heldRun = trigger(held);
        await(heldRun, "running");
        post("/api/v1/runs/" + heldRun + "/cancel", "{}");
        post("/api/v1/runs/" + heldRun + "/retry", "{}");
        await(heldRun, "running");
        post("/api/v1/runs/" + heldRun + "/cancel", "{}");
        expected.put(heldRun, "cancelled");
        for (var run : expected.entrySet()) {
            await(run.getKey(), run.getValue());
        }
        System.out.println(expected.size() + " runs ended as expected: 20 success, 10 failed (5xx after 3 attempts, a 1 s time-out), 1 cancelled twice");
    }

    private static final String DELAY = "{\"name\": \"pause\", \"type\": \"delay\", \"config\": {\"duration\": 0.05}}";

    private static String webhook(String name, String url, String extra) {
        return "{\"name\": \"" + name + "\", \"type\": \"webhook\", \"config\": {\"url\": \"" + url + "\", \"method\": \"POST\"}" + extra + "}";
    }

    private String createWorkflow(String name, String steps) throws Exception {
        return field(post("/api/v1/workflows", "{\"name\": \"" + name + "\", \"steps\": " + steps + "}"), "workflow_id");
    }

    private String trigger(String workflowId) throws Exception {
        return field(post("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId + "\", \"payload\": {}}"), "run_id");
    }

    private void await(String runId, String status) throws Exception {
        long deadline = System.nanoTime() + RUN_WAIT.toNanos();
        String run = "";
        while (System.nanoTime() < deadline) {
            run = get(URI.create(api + "/api/v1/runs/" + runId), true).body();
            String seen = field(run, "status");
            if (seen.equals(status)) {
                return;
            }
            if (!seen.equals("pending") && !seen.equals("running")) {
                break;
            }
            sleep(200);
        }
        throw new IllegalStateException("run " + runId + " did not end " + status + " (waited at most " + RUN_WAIT.toSeconds() + " s): " + run);
    }

    private String post(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(REQUEST)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return expect2xx(send(request), "POST " + path).body();
    }

    private HttpResponse<String> get(URI uri, boolean authorized) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST);
        return expect2xx(authorized ? send(request) : http.send(request.build(), HttpResponse.BodyHandlers.ofString()), "GET " + uri);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect2xx(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " -> " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** The string value of a top-level field of a JSON object (enough for ids and statuses). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return matcher.group(1);
    }

    private static List<Rule> rules() {
        return List.of(
                Rule.counted("workflow_http_request_duration_seconds_count"),
                Rule.counted("workflow_runs_triggered_total"),
                Rule.counted("workflow_runs_finished_total", "status", "success"),
                Rule.counted("workflow_runs_finished_total", "status", "failed"),
                Rule.counted("workflow_runs_finished_total", "status", "cancelled"),
                Rule.counted("workflow_runs_retried_total"),
                Rule.counted("workflow_run_duration_seconds_count"),
                Rule.counted("workflow_run_queue_wait_seconds_count"),
                Rule.counted("workflow_step_duration_seconds_count", "type", "delay"),
                Rule.counted("workflow_step_duration_seconds_count", "type", "webhook"),
                Rule.counted("workflow_step_attempts_total"),
                Rule.counted("workflow_step_retries_total"),
                Rule.counted("workflow_step_timeouts_total"),
                Rule.counted("workflow_step_cancellations_total"),
                Rule.counted("workflow_webhook_calls_total", "outcome", "2xx"),
                Rule.counted("workflow_webhook_calls_total", "outcome", "5xx"),
                Rule.counted("workflow_webhook_calls_total", "outcome", "timeout"),
                Rule.counted("workflow_webhook_call_duration_seconds_count"),
                Rule.counted("workflow_cache_requests_total", "result", "hit"),
                Rule.counted("workflow_cache_requests_total", "result", "miss"),
                Rule.counted("workflow_cache_requests_total", "cache", "workflow"),
                Rule.counted("workflow_cache_requests_total", "cache", "run"),
                Rule.counted("workflow_db_pool_max_connections"),
                Rule.present("workflow_db_pool_active_connections"),
                Rule.present("workflow_db_pool_idle_connections"),
                Rule.present("workflow_db_pool_pending_threads"),
                Rule.present("workflow_dispatch_backlog_events"),
                Rule.present("workflow_queue_lag_records"));
    }

    private static boolean report(Path file, List<Sample> samples, List<String> scraped) throws IOException {
        StringBuilder md = new StringBuilder("# Metrics check\n\nScraped: " + String.join(", ", scraped) + "\n\n"
                + "| family (labels) | sum over processes | series | passes |\n|---|---:|---:|---|\n");
        boolean all = true;
        for (Rule rule : rules()) {
            List<Sample> matching = samples.stream().filter(s -> s.name().equals(rule.name())
                    && s.labels().entrySet().containsAll(rule.labels().entrySet())).toList();
            double sum = matching.stream().mapToDouble(Sample::value).sum();
            boolean passes = rule.gauge() ? !matching.isEmpty() && matching.stream().allMatch(s -> s.value() >= 0)
                    : sum > 0;
            all &= passes;
            md.append("| `").append(rule.what()).append("` | ").append(number(sum)).append(" | ")
                    .append(matching.size()).append(" | ").append(passes ? "yes" : "**no**").append(" |\n");
        }
        TreeSet<Double> bounds = new TreeSet<>();
        samples.stream().filter(s -> s.name().startsWith("workflow_") && s.name().endsWith("_seconds_bucket"))
                .map(s -> s.labels().get("le")).filter(le -> le != null && !le.equals("+Inf"))
                .forEach(le -> bounds.add(Double.parseDouble(le)));
        boolean seconds = !bounds.isEmpty() && bounds.first() >= 0.001 && bounds.last() <= 3600;
        all &= seconds;
        md.append("\nHistogram bucket bounds (`le`, seconds): ").append(bounds.stream().map(MetricsCheck::number).toList())
                .append(seconds ? " — in seconds (1 ms to 1 h)" : " — **not in seconds**").append("\n\n")
                .append(all ? "Every family passes.\n" : "**Some family does not pass.**\n");
        Files.writeString(file, md);
        System.out.print(md);
        return all;
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher matcher = SAMPLE.matcher(line);
            if (line.startsWith("#") || !matcher.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
        }
        return samples;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = ("{\"status\": " + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
