package io.workflow.adapters.http;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.auth.UnauthenticatedException;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.deadletter.RedriveRefusedException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.workflow.adapters.http.ProblemAssertions.assertInvalidQuery;
import static io.workflow.adapters.http.ProblemAssertions.assertNotFound;
import static io.workflow.adapters.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter routes over stubbed use cases, with authentication on: what reaches them, and what comes back. */
class DeadLetterHttpServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String LETTERS = "/api/v1/dead-letters";

    private final Map<UUID, DeadLetter> letters = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private ApiServer api;

    @BeforeEach
    void start() {
        api = ApiServer.start(new HttpApi.Access(true, key -> switch (key) {
            case "admin" -> new Caller("default", Set.of(Scope.ADMIN), UUID.randomUUID());
            case "reader" -> new Caller("default", Set.of(Scope.RUNS_READ, Scope.WORKFLOWS_READ), UUID.randomUUID());
            default -> throw new UnauthenticatedException("unknown key");
        }, null, KeyRateLimit.off()));
        api.useCases.deadLetters = new HttpApi.DeadLetterUseCases(this::newestFirst,
                (id, tenant) -> {
                    calls.add("redrive " + id + " " + tenant);
                    DeadLetter letter = found(id);
                    if (letter.reason().equals("unreadable")) {
                        throw new RedriveRefusedException(RedriveRefusedException.Why.UNREADABLE, "still not JSON");
                    }
                    if (letter.reason().equals("missing")) {
                        throw new RedriveRefusedException(RedriveRefusedException.Why.RUN_NOT_LOADABLE, "run still cannot be loaded");
                    }
                    return letters.compute(id, (key, stored) -> stored.redriven(T0.plusSeconds(60)));
                },
                (id, tenant) -> {
                    calls.add("delete " + id + " " + tenant);
                    letters.remove(found(id).id());
                });
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private DeadLetter found(UUID id) {
        DeadLetter letter = letters.get(id);
        if (letter == null) {
            throw new NotFoundException("dead letter", id);
        }
        return letter;
    }

    private Page<DeadLetter> newestFirst(io.workflow.domain.page.PageRequest page, String tenant) {
        calls.add("list " + page.limit() + " " + tenant);
        List<DeadLetter> sorted = letters.values().stream()
                .filter(letter -> page.after() == null || position(letter).compareTo(page.after()) < 0)
                .sorted(Comparator.comparing(DeadLetterHttpServiceTest::position).reversed()).toList();
        List<DeadLetter> items = sorted.subList(0, Math.min(page.limit(), sorted.size()));
        return new Page<>(items, sorted.size() > page.limit() ? position(items.getLast()) : null);
    }

    private static Cursor position(DeadLetter letter) {
        return new Cursor(letter.recordedAt(), letter.id());
    }

    private DeadLetter add(int offset, String reason) {
        Instant at = T0.plusSeconds(offset);
        DeadLetter letter = DeadLetter.of(TimeOrderedIds.next(at), "workflow.trigger", 2, offset, "run-key",
                ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8), reason, null, at);
        letters.put(letter.id(), letter);
        return letter;
    }

    private ApiServer.Reply send(String method, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return api.send(request.build());
    }

    @Test
    void list_walksEveryLetterOnce_newestFirst_withReasonAndTime() {
        List<DeadLetter> added = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            added.add(add(i, "not JSON: " + i));
        }

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiServer.Reply reply = send("GET", LETTERS + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), "admin");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            Map<String, Object> body = reply.json();
            assertThat(body).containsEntry("limit", 3);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
            items.forEach(item -> seen.add(item.get("id")));
            if (pages == 0) {
                assertThat(items.getFirst()).containsEntry("reason", "not JSON: 6")
                        .containsEntry("recorded_at", T0.plusSeconds(6).toString())
                        .containsEntry("payload", "{\"n\":6}").containsEntry("truncated", false)
                        .containsEntry("source", "workflow.trigger").containsEntry("partition", 2)
                        .containsEntry("offset", 6).containsEntry("key", "run-key")
                        .containsEntry("run_id", null).containsEntry("redriven_at", null);
            }
            cursor = (String) body.get("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(added.reversed().stream().map(letter -> letter.id().toString()).toList());
        assertThat(pages).isEqualTo(3);
        assertThat(calls).allMatch(call -> call.endsWith(" default"));
    }

    @Test
    void aKeyWithoutAdmin_isForbidden_andReachesNothing() {
        DeadLetter letter = add(1, "missing");

        assertProblem(send("GET", LETTERS, "reader"), 403, Problem.FORBIDDEN, null, "admin");
        assertProblem(send("POST", LETTERS + "/" + letter.id() + "/redrive", "reader"), 403, Problem.FORBIDDEN, null, "admin");
        assertProblem(send("DELETE", LETTERS + "/" + letter.id(), "reader"), 403, Problem.FORBIDDEN, null, "admin");
        assertThat(send("GET", LETTERS, null).status()).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void badPagingParameters_are400_naming_theParameter() {
        assertInvalidQuery(send("GET", LETTERS + "?limit=0", "admin"), "limit", "between 1 and 200");
        assertInvalidQuery(send("GET", LETTERS + "?limit=x", "admin"), "limit", "integer");
        assertInvalidQuery(send("GET", LETTERS + "?cursor=forged", "admin"), "cursor", "not a cursor this server issued");
        assertThat(calls).isEmpty();
    }

    @Test
    void redrive_answersTheLetterMarkedRedriven() {
        DeadLetter letter = add(1, "run cannot be loaded");

        ApiServer.Reply reply = send("POST", LETTERS + "/" + letter.id() + "/redrive", "admin");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("id", letter.id().toString())
                .containsEntry("redriven_at", T0.plusSeconds(60).toString());
    }

    @Test
    void redrive_refused_is422WhenStillUnreadable_409WhenTheRunStillCannotBeLoaded_404WhenUnknown() {
        DeadLetter unreadable = add(1, "unreadable");
        DeadLetter missing = add(2, "missing");

        assertProblem(send("POST", LETTERS + "/" + unreadable.id() + "/redrive", "admin"), 422,
                Problem.REDRIVE_REFUSED, null, "still not JSON");
        assertProblem(send("POST", LETTERS + "/" + missing.id() + "/redrive", "admin"), 409,
                Problem.REDRIVE_REFUSED, null, "cannot be loaded");
        assertNotFound(send("POST", LETTERS + "/" + UUID.randomUUID() + "/redrive", "admin"), "not found");
        assertThat(letters.get(unreadable.id()).redrivenAt()).isNull();
        assertThat(letters.get(missing.id()).redrivenAt()).isNull();
    }

    @Test
    void delete_is204_thenTheLetterIsGone_andAnUnknownOneIs404() {
        DeadLetter letter = add(1, "missing");

        ApiServer.Reply deleted = send("DELETE", LETTERS + "/" + letter.id(), "admin");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(letters).doesNotContainKey(letter.id());
        assertNotFound(send("DELETE", LETTERS + "/" + letter.id(), "admin"), "not found");
    }

    @Test
    void aMalformedId_isAClientError_andOtherMethodsAre405() {
        ApiServer.Reply malformed = send("DELETE", LETTERS + "/not-a-uuid", "admin");
        ApiServer.Reply post = send("POST", LETTERS, "admin");
        ApiServer.Reply getOne = send("GET", LETTERS + "/" + UUID.randomUUID(), "admin");

        assertThat(malformed.status()).isBetween(400, 404);
        assertThat(malformed.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertThat(getOne.status()).isEqualTo(405);
        assertThat(calls).isEmpty();
    }
}
