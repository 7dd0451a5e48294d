package io.workflow.adapters.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * Interactive API docs: {@code GET /docs} is Swagger UI, loaded with {@code /openapi} of the same
 * origin, so "Try it out" sends its requests to this service. Our page and its start-up script come
 * from {@code /META-INF/api-docs}; Swagger UI's own files from its published webjar, whose folder
 * carries its version (read from the webjar's Maven properties, so upgrading the dependency is all it
 * takes). Those files never change under a version, so browsers may keep them for a day.
 */
final class ApiDocsHttpService implements HttpService {
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /**
     * Swagger UI sets inline styles and shows images as data: URLs; nothing may come from elsewhere
     * (its validator badge, which would call validator.swagger.io, is switched off in docs.js).
     */
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final ClasspathFiles ours = new ClasspathFiles("/META-INF/api-docs", "no-cache");
    private final ClasspathFiles swaggerUi = new ClasspathFiles(
            "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion(), "public, max-age=86400");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/docs[/]", (req, res) -> send("index.html", req, res))
                .any("/docs[/]", methodNotAllowed(Method.GET))
                .get("/docs/{file}", (req, res) -> send(req.path().pathParameters().get("file"), req, res))
                .any("/docs/{file}", methodNotAllowed(Method.GET));
    }

    private void send(String name, ServerRequest req, ServerResponse res) {
        res.header(DashboardHttpService.CONTENT_SECURITY_POLICY, POLICY);
        if (!ours.send(name, req, res) && !swaggerUi.send(name, req, res)) {
            ProblemResponses.send(res, Problem.of(Status.NOT_FOUND_404, "the API docs have no file " + name));
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocsHttpService.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_PROPERTIES + " is missing: the swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
