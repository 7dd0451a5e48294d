package io.workflow.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.ArchiveWorkflow;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListWorkflows;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.page.Page;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * {@code POST /workflows} (honouring {@code Idempotency-Key}, {@link IdempotentPosts}),
 * {@code GET /workflows}, {@code GET /workflows/{uuid}} and {@code DELETE /workflows/{uuid}} (archives
 * it), under {@code /api/v1}.
 */
final class WorkflowHttpService implements HttpService {
    private static final String WORKFLOWS = "/workflows[/]";
    private static final String WORKFLOW = "/workflows/{uuid}[/]";

    private final CreateWorkflow createWorkflow;
    private final GetWorkflow getWorkflow;
    private final ListWorkflows listWorkflows;
    private final ArchiveWorkflow archiveWorkflow;
    private final WorkflowQueries queries;
    private final int maxDefinitionBytes;
    private final IdempotentPosts idempotent;

    WorkflowHttpService(HttpApi.UseCases useCases, WorkflowQueries queries, int maxDefinitionBytes,
                        IdempotentPosts idempotent) {
        this.createWorkflow = useCases.createWorkflow();
        this.getWorkflow = useCases.getWorkflow();
        this.listWorkflows = useCases.listWorkflows();
        this.archiveWorkflow = useCases.archiveWorkflow();
        this.queries = queries;
        this.maxDefinitionBytes = maxDefinitionBytes;
        this.idempotent = idempotent;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(WORKFLOWS, idempotent.handler(Scope.WORKFLOWS_WRITE, this::create))
                .get(WORKFLOWS, this::list)
                .any(WORKFLOWS, methodNotAllowed(Method.GET, Method.POST))
                .get(WORKFLOW, this::get)
                .delete(WORKFLOW, this::archive)
                .any(WORKFLOW, methodNotAllowed(Method.GET, Method.DELETE));
    }

    private RecordedResponse create(Caller caller, Object body) {
        Json.requireAtMost(body, maxDefinitionBytes, null, "the workflow definition");
        CreateWorkflow.Created created = createWorkflow.createWithSecret(WorkflowJson.command(body).of(caller.tenant()));
        Workflow workflow = created.workflow();
        return IdempotentPosts.json(new WorkflowCreated("Workflow created successfully", workflow.uuid().toString(),
                created.signingSecret()), HttpApi.PREFIX + "/workflows/" + workflow.uuid());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_READ);
        Json.send(res, WorkflowJson.tree(getWorkflow.get(caller.tenant(), uuid(req))));
    }

    /** Archives one of the caller's workflows; another tenant's answers 404 before anything changes. */
    private void archive(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_WRITE);
        UUID uuid = getWorkflow.get(caller.tenant(), uuid(req)).uuid();
        Json.send(res, WorkflowJson.tree(archiveWorkflow.archive(uuid)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_READ);
        WorkflowQuery query;
        try {
            query = queries.read(req.query(), caller.tenant());
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidQuery(e));
        }
        Page<Workflow> page = listWorkflows.list(query);
        List<Map<String, Object>> items = page.items().stream().map(WorkflowJson::tree).toList();
        Json.send(res, new WorkflowPageBody(items, queries.token(page.next(), caller.tenant()), query.page().limit()));
    }

    private static UUID uuid(ServerRequest req) {
        return PathIds.uuid(req, "uuid", "workflow");
    }

    /** {@code signing_secret}: what the workflow's webhook calls are signed with, shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record WorkflowCreated(String message, String workflowId, String signingSecret) {
    }

    private record WorkflowPageBody(List<Map<String, Object>> items, String nextCursor, int limit) {
    }
}
