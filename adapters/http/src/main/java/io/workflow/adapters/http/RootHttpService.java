package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;
import static io.workflow.adapters.http.ProblemResponses.sendBody;

/** {@code GET /}, the liveness check {@code GET /health} (no I/O) and the API description {@code GET /openapi}. */
final class RootHttpService implements HttpService {
    private static final String OPENAPI_RESOURCE = "/META-INF/openapi.yaml";
    private static final byte[] ROOT = Json.bytes(Map.of("message", "Workflow Automation API"));
    private static final byte[] HEALTH = Json.bytes(Map.of("status", "ok"));

    private final byte[] openApi = readOpenApi();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::root)
                .any("/", methodNotAllowed(Method.GET))
                .get("/health[/]", this::health)
                .any("/health[/]", methodNotAllowed(Method.GET))
                .get("/openapi[/]", this::openApi)
                .any("/openapi[/]", methodNotAllowed(Method.GET));
    }

    private void root(ServerRequest req, ServerResponse res) {
        sendBody(res.header(HeaderNames.CONTENT_TYPE, Json.MEDIA_TYPE), ROOT);
    }

    private void health(ServerRequest req, ServerResponse res) {
        sendBody(res.header(HeaderNames.CONTENT_TYPE, Json.MEDIA_TYPE), HEALTH);
    }

    private void openApi(ServerRequest req, ServerResponse res) {
        sendBody(res.header(HeaderNames.CONTENT_TYPE, "application/yaml"), openApi);
    }

    private static byte[] readOpenApi() {
        try (InputStream in = RootHttpService.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
