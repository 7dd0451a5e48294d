package io.workflow.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
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
        Object body = Json.readBody(req);
        Json.requireAtMost(body, maxDefinitionBytes, null, "the workflow definition");
        CreateWorkflow.Created created = createWorkflow.createWithSecret(WorkflowJson.command(body));
        Workflow workflow = created.workflow();
        res.header(HeaderNames.LOCATION, HttpApi.PREFIX + "/workflows/" + workflow.uuid());
        Json.send(res, new WorkflowCreated("Workflow created successfully", workflow.uuid().toString(), created.signingSecret()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, WorkflowJson.tree(getWorkflow.get(PathIds.uuid(req, "uuid", "workflow"))));
    }

    /** {@code signing_secret}: what the workflow's webhook calls are signed with, shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record WorkflowCreated(String message, String workflowId, String signingSecret) {
    }
}
