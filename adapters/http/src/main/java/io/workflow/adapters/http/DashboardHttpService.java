package io.workflow.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * The run dashboard: {@code GET /ui} (its one page; the views are chosen by the URL's fragment, so
 * the server needs no route per view) and {@code GET /ui/{file}} (its scripts and styles). It is a
 * client of the public API like any other: everything it shows comes from {@code /api/v1} and
 * {@code /observe/health} in the browser, with the user's API key. Its files change with each
 * release, so browsers revalidate them (a 304 when unchanged). The policy header keeps the page
 * from loading anything that is not in this jar.
 */
final class DashboardHttpService implements HttpService {
    static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ClasspathFiles files = new ClasspathFiles("/META-INF/dashboard", "no-cache");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/ui[/]", (req, res) -> send("index.html", req, res))
                .any("/ui[/]", methodNotAllowed(Method.GET))
                .get("/ui/{file}", (req, res) -> send(req.path().pathParameters().get("file"), req, res))
                .any("/ui/{file}", methodNotAllowed(Method.GET));
    }

    private void send(String name, ServerRequest req, ServerResponse res) {
        res.header(CONTENT_SECURITY_POLICY, POLICY);
        if (!files.send(name, req, res)) {
            ProblemResponses.send(res, Problem.of(Status.NOT_FOUND_404, "the dashboard has no file " + name));
        }
    }
}
