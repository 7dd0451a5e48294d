package io.workflow.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.CancelRun;
import io.workflow.application.GetRun;
import io.workflow.application.ListRuns;
import io.workflow.application.RetryRun;
import io.workflow.application.TriggerRun;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.page.Page;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunSummary;

import java.util.UUID;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * {@code POST /trigger}, {@code GET /runs/{run_id}}, {@code GET /runs}, {@code POST /runs/{run_id}/cancel}
 * and {@code POST /runs/{run_id}/retry}, under {@code /api/v1}. A trigger honours {@code Idempotency-Key}
 * ({@link IdempotentPosts}).
 */
final class RunHttpService implements HttpService {
    private static final String TRIGGER = "/trigger[/]";
    private static final String RUNS = "/runs[/]";
    private static final String RUN = "/runs/{run_id}[/]";
    private static final String CANCEL = "/runs/{run_id}/cancel[/]";
    private static final String RETRY = "/runs/{run_id}/retry[/]";

    private final TriggerRun triggerRun;
    private final GetRun getRun;
    private final ListRuns listRuns;
    private final CancelRun cancelRun;
    private final RetryRun retryRun;
    private final RunQueries queries;
    private final int maxPayloadBytes;
    private final IdempotentPosts idempotent;

    RunHttpService(TriggerRun triggerRun, GetRun getRun, ListRuns listRuns, CancelRun cancelRun, RetryRun retryRun,
                   RunQueries queries, int maxPayloadBytes, IdempotentPosts idempotent) {
        this.idempotent = idempotent;
        this.triggerRun = triggerRun;
        this.getRun = getRun;
        this.listRuns = listRuns;
        this.cancelRun = cancelRun;
        this.retryRun = retryRun;
        this.queries = queries;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(TRIGGER, idempotent.handler(Scope.RUNS_TRIGGER, this::trigger))
                .any(TRIGGER, methodNotAllowed(Method.POST))
                .get(RUNS, this::list)
                .any(RUNS, methodNotAllowed(Method.GET))
                .get(RUN, this::get)
                .any(RUN, methodNotAllowed(Method.GET))
                .post(CANCEL, (req, res) -> {
                    Caller caller = Callers.require(req, Scope.RUNS_TRIGGER);
                    sendRun(res, cancelRun.cancel(caller.tenant(), runId(req)));
                })
                .any(CANCEL, methodNotAllowed(Method.POST))
                .post(RETRY, (req, res) -> {
                    Caller caller = Callers.require(req, Scope.RUNS_TRIGGER);
                    sendRun(res, retryRun.retry(caller.tenant(), runId(req)));
                })
                .any(RETRY, methodNotAllowed(Method.POST));
    }

    private RecordedResponse trigger(Caller caller, Object body) {
        TriggerRun.Command command = RunJson.command(body);
        Json.requireAtMost(command.payload(), maxPayloadBytes, "payload", "payload");
        Run run = triggerRun.trigger(command.of(caller.tenant()));
        return IdempotentPosts.json(new RunTriggered(run.id().toString(), "triggered"), HttpApi.PREFIX + "/runs/" + run.id());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.RUNS_READ);
        sendRun(res, getRun.get(caller.tenant(), runId(req)));
    }

    /** One run as read by id, cancelled or retried: the run document with its timeline. */
    private void sendRun(ServerResponse res, Run run) {
        Json.send(res, RunJson.tree(run, getRun.timeline(run).orElse(null)));
    }

    private static UUID runId(ServerRequest req) {
        return PathIds.uuid(req, "run_id", "run");
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.RUNS_READ);
        RunQuery query;
        try {
            query = queries.read(req.query(), caller.tenant());
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidQuery(e));
        }
        Page<RunSummary> page = listRuns.summaries(query);
        Json.sendDocument(res, RunPageJson.bytes(page, queries.token(page.next(), query), query.page().limit()));
    }

    private record RunTriggered(String runId, String status) {
    }

}
