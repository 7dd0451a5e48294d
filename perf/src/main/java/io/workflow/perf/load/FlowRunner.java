package io.workflow.perf.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.workflow.perf.http.ErrorKind;
import io.workflow.perf.http.HttpConnection;
import io.workflow.perf.http.RequestFailure;
import io.workflow.perf.http.Response;

/**
 * One simulated user's seven timed requests, in the seed's order. The ids the later requests need come from
 * the timed responses. A user stops at its first failed request: what follows depends on what failed.
 */
final class FlowRunner {

    /** Ids go into paths and JSON bodies unescaped, so only plain ones are accepted. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Target target;
    private final long requestTimeoutNanos;
    private final PhaseMetrics metrics;
    private final String healthPath;
    private final String rootPath;
    private final String workflowsPath;
    private final String triggerPath;
    private final String runsPath;
    private final String listRunsPath;

    FlowRunner(Target target, long requestTimeoutNanos, PhaseMetrics metrics) {
        this.target = target;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.metrics = metrics;
        this.healthPath = target.resolve("/health");
        this.rootPath = target.resolve("/");
        this.workflowsPath = target.resolve("/api/v1/workflows");
        this.triggerPath = target.resolve("/api/v1/trigger");
        this.runsPath = target.resolve("/api/v1/runs/");
        this.listRunsPath = target.resolve("/api/v1/runs?limit=50");
    }

    /** An answered request and how long it took. */
    private record Answer(Response response, long micros) {
    }

    /**
     * Runs the flow on {@code connection}. The first request's latency counts from {@code scheduledNanos}, the
     * moment it was meant to be sent, so an open-loop iteration that starts late is charged for the delay.
     *
     * @return whether all seven requests succeeded
     */
    boolean run(HttpConnection connection, long user, long scheduledNanos) {
        if (accept(Endpoint.HEALTH, send(connection, Endpoint.HEALTH, healthPath, null, scheduledNanos)) == null) {
            return false;
        }
        if (accept(Endpoint.ROOT, send(connection, Endpoint.ROOT, rootPath, null, System.nanoTime())) == null) {
            return false;
        }
        String workflowId = idFrom(Endpoint.CREATE_WORKFLOW,
                send(connection, Endpoint.CREATE_WORKFLOW, workflowsPath, workflowBody(user), System.nanoTime()), "workflow_id");
        if (workflowId == null) {
            return false;
        }
        String workflowPath = target.resolve("/api/v1/workflows/" + workflowId);
        if (accept(Endpoint.GET_WORKFLOW, send(connection, Endpoint.GET_WORKFLOW, workflowPath, null, System.nanoTime())) == null) {
            return false;
        }
        long triggerSent = System.nanoTime();
        String runId = idFrom(Endpoint.TRIGGER,
                send(connection, Endpoint.TRIGGER, triggerPath, triggerBody(workflowId, user), triggerSent), "run_id");
        if (runId == null) {
            return false;
        }
        TriggeredRun run = new TriggeredRun(runId, triggerSent);
        metrics.triggered(run);
        Answer runAnswer = accept(Endpoint.GET_RUN, send(connection, Endpoint.GET_RUN, runsPath + runId, null, System.nanoTime()));
        if (runAnswer == null) {
            return false;
        }
        observe(run, runAnswer.response());
        return accept(Endpoint.LIST_RUNS, send(connection, Endpoint.LIST_RUNS, listRunsPath, null, System.nanoTime())) != null;
    }

    private Answer send(HttpConnection connection, Endpoint endpoint, String path, byte[] body, long startNanos) {
        long sendNanos = Math.max(startNanos, System.nanoTime());
        try {
            Response response = connection.exchange(endpoint.method(), path, body, sendNanos + requestTimeoutNanos);
            return new Answer(response, micros(startNanos));
        } catch (RequestFailure failure) {
            metrics.failed(endpoint, micros(startNanos), failure.kind(), endpoint.label() + ": " + failure.getMessage());
            return null;
        }
    }

    /** Counts a 2xx as success and anything else as the error its status says. */
    private Answer accept(Endpoint endpoint, Answer answer) {
        if (answer == null) {
            return null;
        }
        Response response = answer.response();
        if (response.isSuccess()) {
            metrics.succeeded(endpoint, answer.micros());
            return answer;
        }
        metrics.failed(endpoint, answer.micros(), ErrorKind.ofStatus(response.status()),
                endpoint.label() + " -> " + response.status() + ": " + response.bodyText());
        return null;
    }

    private String idFrom(Endpoint endpoint, Answer answer, String field) {
        if (answer == null) {
            return null;
        }
        Response response = answer.response();
        if (!response.isSuccess()) {
            accept(endpoint, answer);
            return null;
        }
        String id;
        try {
            id = JsonFields.read(response.body(), field).get(field);
        } catch (IOException notJson) {
            id = null;
        }
        if (id == null || !PLAIN_ID.matcher(id).matches()) {
            metrics.failed(endpoint, answer.micros(), ErrorKind.UNEXPECTED_RESPONSE,
                    endpoint.label() + " -> " + response.status() + " without a usable \"" + field + "\": " + response.bodyText());
            return null;
        }
        metrics.succeeded(endpoint, answer.micros());
        return id;
    }

    private static void observe(TriggeredRun run, Response response) {
        try {
            run.observe(JsonFields.read(response.body(), TriggeredRun.FIELDS), System.nanoTime());
        } catch (IOException notJson) {
            // the request succeeded; the completion poller will look at the run again
        }
    }

    private static byte[] workflowBody(long user) {
        return ("{\"name\":\"perf-user-" + user + "\",\"description\":\"stress test workflow for user " + user
                + "\",\"steps\":[{\"name\":\"wait\",\"type\":\"delay\",\"config\":{\"duration\":1}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] triggerBody(String workflowId, long user) {
        return ("{\"workflow_id\":\"" + workflowId + "\",\"payload\":{\"user_id\":" + user + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }
}
