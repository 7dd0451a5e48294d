package io.workflow.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.http.Status;
import io.workflow.application.ArchiveWorkflow;
import io.workflow.application.GetWorkflowVersion;
import io.workflow.application.ListWorkflowVersions;
import io.workflow.application.ReviseWorkflow;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListWorkflows;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * {@code POST /workflows} (honouring {@code Idempotency-Key}, {@link IdempotentPosts}),
 * {@code GET /workflows}, {@code GET /workflows/{uuid}}, {@code PUT /workflows/{uuid}} (its next
 * version), {@code DELETE /workflows/{uuid}} (archives it), {@code GET /workflows/{uuid}/versions}
 * and {@code GET /workflows/{uuid}/versions/{version}}, under {@code /api/v1}.
 */
final class WorkflowHttpService implements HttpService {
    private static final String WORKFLOWS = "/workflows[/]";
    private static final String WORKFLOW = "/workflows/{uuid}[/]";
    private static final String VERSIONS = "/workflows/{uuid}/versions[/]";
    private static final String VERSION = "/workflows/{uuid}/versions/{version}[/]";

    private final CreateWorkflow createWorkflow;
    private final GetWorkflow getWorkflow;
    private final ListWorkflows listWorkflows;
    private final ArchiveWorkflow archiveWorkflow;
    private final ReviseWorkflow reviseWorkflow;
    private final ListWorkflowVersions listVersions;
    private final GetWorkflowVersion getVersion;
    private final WorkflowQueries queries;
    private final int maxDefinitionBytes;
    private final IdempotentPosts idempotent;

    WorkflowHttpService(HttpApi.UseCases useCases, WorkflowQueries queries, int maxDefinitionBytes,
                        IdempotentPosts idempotent) {
        this.createWorkflow = useCases.createWorkflow();
        this.getWorkflow = useCases.getWorkflow();
        this.listWorkflows = useCases.listWorkflows();
        this.archiveWorkflow = useCases.archiveWorkflow();
        this.reviseWorkflow = useCases.reviseWorkflow();
        this.listVersions = useCases.listWorkflowVersions();
        this.getVersion = useCases.getWorkflowVersion();
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
                .put(WORKFLOW, this::revise)
                .delete(WORKFLOW, this::archive)
                .any(WORKFLOW, methodNotAllowed(Method.GET, Method.PUT, Method.DELETE))
                .get(VERSIONS, this::versions)
                .any(VERSIONS, methodNotAllowed(Method.GET))
                .get(VERSION, this::version)
                .any(VERSION, methodNotAllowed(Method.GET));
    }

    /** A new version of one of the caller's workflows, from a body like the create request's. */
    private void revise(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_WRITE);
        UUID uuid = uuid(req);
        Object body = Json.readBody(req);
        Json.requireAtMost(body, maxDefinitionBytes, null, "the workflow definition");
        CreateWorkflow.Command command = WorkflowJson.command(body).of(caller.tenant());
        Json.send(res, WorkflowJson.tree(reviseWorkflow.revise(caller.tenant(), uuid, command)));
    }

    private void versions(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_READ);
        PageRequest page = query(() -> queries.versionsPage(req.query(), caller.tenant()));
        Page<Workflow> versions = listVersions.versions(caller.tenant(), uuid(req), page);
        Json.send(res, new WorkflowPageBody(versions.items().stream().map(WorkflowJson::tree).toList(),
                queries.token(versions.next(), caller.tenant()), page.limit()));
    }

    private void version(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_READ);
        UUID uuid = uuid(req);
        String text = req.path().pathParameters().get("version");
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND_404, "'" + text + "' is not a version number"));
        }
        Json.send(res, WorkflowJson.tree(getVersion.version(caller.tenant(), uuid, number)));
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
        WorkflowQuery query = query(() -> queries.read(req.query(), caller.tenant()));
        Page<Workflow> page = listWorkflows.list(query);
        List<Map<String, Object>> items = page.items().stream().map(WorkflowJson::tree).toList();
        Json.send(res, new WorkflowPageBody(items, queries.token(page.next(), caller.tenant()), query.page().limit()));
    }

    /** What {@code reading} makes of a request's query; a bad parameter is the 400 problem naming it. */
    private static <T> T query(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidQuery(e));
        }
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
