package io.workflow.adapters.http;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/**
 * {@code GET /dead-letters}, {@code POST /dead-letters/{id}/redrive} and {@code DELETE /dead-letters/{id}},
 * under {@code /api/v1}: an operator's view of the trigger events the workers could not process, for
 * {@code admin} keys, each tenant seeing its own letters and those whose tenant nobody could tell.
 */
final class DeadLetterHttpService implements HttpService {
    private static final String LETTERS = "/dead-letters[/]";
    private static final String LETTER = "/dead-letters/{id}[/]";
    private static final String REDRIVE = "/dead-letters/{id}/redrive[/]";

    private final HttpApi.DeadLetterUseCases letters;
    private final PageQueries pages;

    DeadLetterHttpService(HttpApi.DeadLetterUseCases letters, PageQueries pages) {
        this.letters = letters;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(LETTERS, this::list)
                .any(LETTERS, methodNotAllowed(Method.GET))
                .post(REDRIVE, this::redrive)
                .any(REDRIVE, methodNotAllowed(Method.POST))
                .delete(LETTER, this::delete)
                .any(LETTER, methodNotAllowed(Method.DELETE));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.ADMIN);
        PageRequest page = pages.pageOrProblem(req.query(), caller.tenant());
        Page<DeadLetter> found = letters.list().list(page, caller.tenant());
        List<Map<String, Object>> items = found.items().stream().map(DeadLetterJson::tree).toList();
        Json.send(res, new DeadLetterPageBody(items, pages.token(found.next(), caller.tenant()), page.limit()));
    }

    private void redrive(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.ADMIN);
        Json.send(res, DeadLetterJson.tree(letters.redrive().redrive(id(req), caller.tenant())));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.require(req, Scope.ADMIN);
        letters.delete().delete(id(req), caller.tenant());
        res.status(Status.NO_CONTENT_204).send();
    }

    private static UUID id(ServerRequest req) {
        return PathIds.uuid(req, "id", "dead letter");
    }

    private record DeadLetterPageBody(List<Map<String, Object>> items, String nextCursor, int limit) {
    }
}
