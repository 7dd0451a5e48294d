package io.workflow.bootstrap;

import io.workflow.bootstrap.fuzz.FuzzCheck;
import io.workflow.bootstrap.fuzz.FuzzRequest;
import io.workflow.bootstrap.fuzz.FuzzRequests;
import io.workflow.bootstrap.fuzz.RawHttp;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad (and good) requests against the embedded service, as application.yaml configures it:
 * whatever arrives, the answer is never a 5xx, never missing or late, every run a trigger accepted
 * can be read back, every page of runs can be listed, and the service still answers {@code /health}.
 * The pass through nginx against the stack is {@code stack.HttpFuzzIT}.
 */
class HttpFuzzTest {
    private static final String HOST = "127.0.0.1";

    private static Service service;
    private static RawHttp http;
    private static FuzzCheck check;
    private static String workflowId;

    @BeforeContainer
    static void start() {
        service = EmbeddedServices.start();
        http = new RawHttp(HOST, service.port());
        check = new FuzzCheck(http, HOST + ":" + service.port());
        workflowId = createWorkflow(check, http);
    }

    @AfterContainer
    static void stop() {
        http.close();
        service.close();
    }

    /** A workflow whose runs end at once, so that triggered runs finish while the fuzz goes on. */
    static String createWorkflow(FuzzCheck check, RawHttp http) {
        byte[] body = "{\"name\":\"fuzz\",\"steps\":[{\"name\":\"tick\",\"type\":\"delay\",\"config\":{\"duration\":0.001}}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/v1/workflows HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = new byte[head.length + body.length];
        System.arraycopy(head, 0, wire, 0, head.length);
        System.arraycopy(body, 0, wire, head.length, body.length);
        try {
            RawHttp.Answer answer = http.exchange(new FuzzRequest("POST", "/api/v1/workflows", wire, true));
            Matcher id = Pattern.compile("\"workflow_id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(answer.text());
            if (answer.status() != 200 || !id.find()) {
                throw new IllegalStateException("could not create the fuzz workflow: " + answer.status() + " " + answer.text());
            }
            return id.group(1);
        } catch (RawHttp.NoAnswer e) {
            throw new IllegalStateException("could not create the fuzz workflow", e);
        }
    }

    @Property(tries = 1000)
    void anyRequest_isAnsweredBelow500_andWhatItStoredStaysReadable(@ForAll("requests") FuzzRequest request) {
        assertThat(check.violation(request)).as("%s", request).isNull();
    }

    /** After all tries: every page of the runs they made is listed, and liveness still answers. */
    @AfterProperty
    void everyPageOfRunsIsListed_andTheServiceIsHealthy() {
        assertThat(check.walkRuns(workflowId, 1_000)).isNull();
        assertThat(check.readBack("/health")).isNull();
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return new FuzzRequests(HOST, workflowId).requests();
    }
}
