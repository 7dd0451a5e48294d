package io.workflow.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.workflow.Workflow;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/** {@code POST /workflows} and {@code GET /workflows/{uuid}}, under {@code /api/v1}. */
final class WorkflowHttpService implements HttpService {
    private static final String WORKFLOWS = "/workflows[/]";
    private static final String WORKFLOW = "/workflows/{uuid}[/]";

    private final CreateWorkflow createWorkflow;
    private final GetWorkflow getWorkflow;
    private final int maxDefinitionBytes;
    private final IdempotentPosts idempotent;

    WorkflowHttpService(CreateWorkflow createWorkflow, GetWorkflow getWorkflow, int maxDefinitionBytes,
                        IdempotentPosts idempotent) {
        this.createWorkflow = createWorkflow;
        this.getWorkflow = getWorkflow;
        this.maxDefinitionBytes = maxDefinitionBytes;
        this.idempotent = idempotent;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(WORKFLOWS, idempotent.handler(this::create))
                .any(WORKFLOWS, methodNotAllowed(Method.POST))
                .get(WORKFLOW, this::get)
                .any(WORKFLOW, methodNotAllowed(Method.GET));
    }

    private RecordedResponse create(Object body) {
        Json.requireAtMost(body, maxDefinitionBytes, null, "the workflow definition");
        Workflow workflow = createWorkflow.create(WorkflowJson.command(body));
        return IdempotentPosts.json(new WorkflowCreated("Workflow created successfully", workflow.uuid().toString()),
                HttpApi.PREFIX + "/workflows/" + workflow.uuid());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, WorkflowJson.tree(getWorkflow.get(PathIds.uuid(req, "uuid", "workflow"))));
    }

    private record WorkflowCreated(String message, String workflowId) {
    }
}
