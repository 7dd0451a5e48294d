package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.workflow.Workflow;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/** {@code POST /workflows} and {@code GET /workflows/{uuid}}, under {@code /api/v1}. */
final class WorkflowHttpService implements HttpService {
    private static final String WORKFLOWS = "/workflows[/]";
    private static final String WORKFLOW = "/workflows/{uuid}[/]";

    private final CreateWorkflow createWorkflow;
    private final GetWorkflow getWorkflow;
    private final int maxDefinitionBytes;

    WorkflowHttpService(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, int maxDefinitionBytes) {
        this.createWorkflow = createWorkflow;
        this.getWorkflow = getWorkflow;
        this.maxDefinitionBytes = maxDefinitionBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(WORKFLOWS, this::create)
                .any(WORKFLOWS, methodNotAllowed(Method.POST))
                .get(WORKFLOW, this::get)
                .any(WORKFLOW, methodNotAllowed(Method.GET));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_WRITE);
        Object body = Json.readBody(req);
        Json.requireAtMost(body, maxDefinitionBytes, null, "the workflow definition");
        Workflow workflow = createWorkflow.create(WorkflowJson.command(body).of(caller.tenant()));
        res.header(HeaderNames.LOCATION, HttpApi.PREFIX + "/workflows/" + workflow.uuid());
        Json.send(res, new WorkflowCreated("Workflow created successfully", workflow.uuid().toString()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_READ);
        Json.send(res, WorkflowJson.tree(getWorkflow.get(caller.tenant(), PathIds.uuid(req, "uuid", "workflow"))));
    }

    private record WorkflowCreated(String message, String workflowId) {
    }
}
