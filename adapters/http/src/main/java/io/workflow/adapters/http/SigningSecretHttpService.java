package io.workflow.adapters.http;

import io.workflow.application.GetWorkflow;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import java.util.UUID;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.RotateSigningSecret;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * {@code POST /workflows/{uuid}/signing-secret}, under {@code /api/v1}: a new webhook signing secret,
 * shown this once; the previous one keeps signing beside it until {@code previous_valid_until}.
 */
final class SigningSecretHttpService implements HttpService {
    private static final String SIGNING_SECRET = "/workflows/{uuid}/signing-secret[/]";

    private final RotateSigningSecret rotateSigningSecret;
    private final GetWorkflow getWorkflow;

    SigningSecretHttpService(RotateSigningSecret rotateSigningSecret, GetWorkflow getWorkflow) {
        this.rotateSigningSecret = rotateSigningSecret;
        this.getWorkflow = getWorkflow;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(SIGNING_SECRET, this::rotate)
                .any(SIGNING_SECRET, methodNotAllowed(Method.POST));
    }

    /** Only the caller's own workflow ({@code workflows:write}); another tenant's answers 404 before anything changes. */
    private void rotate(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.WORKFLOWS_WRITE);
        UUID workflowId = getWorkflow.get(caller.tenant(), PathIds.uuid(req, "uuid", "workflow")).uuid();
        RotateSigningSecret.Rotated rotated = rotateSigningSecret.rotate(workflowId);
        Json.send(res, new SecretRotated(rotated.workflowId().toString(), rotated.signingSecret(),
                rotated.previousValidUntil() == null ? null : rotated.previousValidUntil().toString()));
    }

    private record SecretRotated(String workflowId, String signingSecret, String previousValidUntil) {
    }
}
