package io.workflow.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard ({@code /ui}) and the API docs ({@code /docs}): files from the jar, with the headers browsers need. */
class BrowserFilesTest {
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
    @RegisterExtension
    static final ApiServer api = ApiServer.start();

    @ParameterizedTest
    @CsvSource({
            "/ui, text/html; charset=utf-8",
            "/ui/, text/html; charset=utf-8",
            "/ui/app.js, text/javascript; charset=utf-8",
            "/ui/dashboard.css, text/css; charset=utf-8",
            "/docs, text/html; charset=utf-8",
            "/docs/docs.js, text/javascript; charset=utf-8",
            "/docs/swagger-ui-bundle.js, text/javascript; charset=utf-8",
            "/docs/swagger-ui.css, text/css; charset=utf-8",
            "/docs/favicon-32x32.png, image/png"})
    void aFile_isServedWithItsContentType_anEntityTag_andAPolicyThatKeepsThePageOnThisOrigin(String path, String type) {
        ApiServer.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo(type);
        assertThat(reply.header("ETag")).matches("\"[0-9a-f]{24}\"");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Content-Security-Policy")).startsWith("default-src 'self'");
    }

    @Test
    void theDashboardsFiles_areRevalidated_whileSwaggerUisVersionedFiles_areKeptForADay() {
        assertThat(api.get("/ui/app.js").header("Cache-Control")).isEqualTo("no-cache");
        assertThat(api.get("/docs").header("Cache-Control")).isEqualTo("no-cache");
        assertThat(api.get("/docs/swagger-ui-bundle.js").header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void aRevalidationWithTheCurrentTag_isAnswered304WithoutABody() {
        String tag = api.get("/ui/dom.js").header("ETag");

        ApiServer.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/ui/dom.js")).header("If-None-Match", tag).build());

        assertThat(reply.status()).isEqualTo(304);
        assertThat(reply.body()).isEmpty();
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/ui/dom.js")).header("If-None-Match", "\"other\"").build())
                .status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nothing.js", "/ui/..%2FMETA-INF%2Fopenapi.yaml", "/ui/.hidden.js", "/ui/app.JS.class",
            "/ui/a/b.js", "/docs/index.css.map", "/docs/nothing.png", "/docs/..%2F..%2Fpom.properties"})
    void anUnknownOrUnsafeName_isAnswered404AsAProblem(String path) {
        ApiServer.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void onlyGetIsServed() {
        ApiServer.Reply reply = api.postJson("/ui", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET");
        assertThat(api.postJson("/docs/docs.js", "{}").status()).isEqualTo(405);
    }

    /** Every script and stylesheet the pages name exists in the jar, and none lives elsewhere. */
    @Test
    void everyFileThePagesReference_isServed_andNoneIsOnAnotherOrigin() {
        for (String page : new String[]{"/ui", "/docs"}) {
            String html = api.get(page).body();
            assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
            Matcher reference = LOCAL_REFERENCE.matcher(html);
            int found = 0;
            while (reference.find()) {
                found++;
                assertThat(api.get(reference.group(1)).status()).as(reference.group(1)).isEqualTo(200);
            }
            assertThat(found).as("files referenced by %s", page).isGreaterThanOrEqualTo(2);
        }
    }

    /** The docs' start-up script loads this service's own description and sends nothing to Swagger's validator. */
    @Test
    void theDocs_loadOpenApiFromThisOrigin_withoutTheOnlineValidator() {
        String script = api.get("/docs/docs.js").body();

        assertThat(script).contains("url: '/openapi'").contains("validatorUrl: null");
    }
}
