package io.workflow.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * Pages for people, served from the jar outside {@code /api/v1} (so they never wait for the API's
 * permits): {@code GET <path>} is the page, {@code GET <path>/<file>} its scripts, styles and images,
 * looked up in its folders in order. A {@code Content-Security-Policy} keeps each page to this
 * origin: what it shows comes from this service's public API, in the browser, with the user's key.
 */
final class PagesHttpService implements HttpService {
    private static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    private static final String SWAGGER_UI_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String path;
    private final String what;
    private final String policy;
    private final List<ClasspathFiles> folders;

    private PagesHttpService(String path, String what, String policy, List<ClasspathFiles> folders) {
        this.path = path;
        this.what = what;
        this.policy = policy;
        this.folders = folders;
    }

    /**
     * The run dashboard at {@code /ui}: one page whose views are chosen by the URL's fragment (so the
     * server needs no route per view). Its files change with each release, so browsers revalidate them.
     */
    static PagesHttpService dashboard() {
        return new PagesHttpService("/ui", "the dashboard",
                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                        + "frame-ancestors 'none'",
                List.of(new ClasspathFiles("/META-INF/dashboard", "no-cache")));
    }

    /**
     * The interactive API docs at {@code /docs}: Swagger UI on {@code /openapi} of the same origin, so
     * "Try it out" calls this service. Our page and start-up script come first; then Swagger UI's files
     * from its webjar, whose folder carries its version (read from the webjar's Maven properties, so
     * upgrading the dependency is all it takes) and which never change under it: kept for a day.
     * Swagger UI sets inline styles and shows data: images; its online validator is off (docs.js).
     */
    static PagesHttpService apiDocs() {
        return new PagesHttpService("/docs", "the API docs",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                        + "base-uri 'none'; frame-ancestors 'none'",
                List.of(new ClasspathFiles("/META-INF/api-docs", "no-cache"),
                        new ClasspathFiles("/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion(),
                                "public, max-age=86400")));
    }

    @Override
    public void routing(HttpRules rules) {
        String page = path + "[/]";
        String file = path + "/{file}";
        rules.get(page, (req, res) -> send("index.html", req, res))
                .any(page, methodNotAllowed(Method.GET))
                .get(file, (req, res) -> send(req.path().pathParameters().get("file"), req, res))
                .any(file, methodNotAllowed(Method.GET));
    }

    private void send(String name, ServerRequest req, ServerResponse res) {
        res.header(CONTENT_SECURITY_POLICY, policy);
        for (ClasspathFiles folder : folders) {
            if (folder.send(name, req, res)) {
                return;
            }
        }
        ProblemResponses.send(res, Problem.of(Status.NOT_FOUND_404, what + " have no file " + name));
    }

    private static String swaggerUiVersion() {
        try (InputStream in = PagesHttpService.class.getResourceAsStream(SWAGGER_UI_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(SWAGGER_UI_PROPERTIES + " is missing: the swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
