package io.workflow.adapters.http;

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

    SigningSecretHttpService(RotateSigningSecret rotateSigningSecret) {
        this.rotateSigningSecret = rotateSigningSecret;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(SIGNING_SECRET, this::rotate)
                .any(SIGNING_SECRET, methodNotAllowed(Method.POST));
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        RotateSigningSecret.Rotated rotated = rotateSigningSecret.rotate(PathIds.uuid(req, "uuid", "workflow"));
        Json.send(res, new SecretRotated(rotated.workflowId().toString(), rotated.signingSecret(),
                rotated.previousValidUntil() == null ? null : rotated.previousValidUntil().toString()));
    }

    private record SecretRotated(String workflowId, String signingSecret, String previousValidUntil) {
    }
}
