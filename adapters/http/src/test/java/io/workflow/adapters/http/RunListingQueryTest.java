package io.workflow.adapters.http;

import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemAssertions.assertInvalidQuery;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/runs} with {@code created_after}, {@code created_before} and {@code order}, and cursors bound to them. */
class RunListingQueryTest {
    private static final Instant BASE = Instant.parse("2026-11-30T10:00:00Z");

    @RegisterExtension
    static final ApiServer api = ApiServer.start();
    private UUID workflowId;
    /** Six runs a minute apart from BASE on, oldest first. */
    private final List<String> runs = new ArrayList<>();

    @BeforeEach
    void storeRuns() {
        runs.clear();
        workflowId = UUID.fromString((String) api.postJson("/api/v1/workflows", "{\"name\": \"w\", \"steps\": []}")
                .json().get("workflow_id"));
        for (int i = 0; i < 6; i++) {
            Run run = Run.pending(UUID.randomUUID(), workflowId, Map.of("i", i), BASE.plusSeconds(60L * i));
            api.useCases.runs.put(run.id(), run);
            runs.add(run.id().toString());
        }
    }

    @Test
    void orderAscWithBothBounds_walksTheRunsStrictlyBetween_oldestFirst_eachOnce() {
        // 10:01 and 10:04 are runs' own times: both bounds leave their run out.
        List<String> seen = walk("created_after=2026-11-30T10:01:00Z&created_before=2026-11-30T10:04:00Z&order=asc&limit=1");

        assertThat(seen).containsExactly(runs.get(2), runs.get(3));
    }

    @Test
    void orderDescOrAbsent_walksNewestFirst_andCreatedAfterAloneKeepsTheNewerRuns() {
        assertThat(walk("order=desc&limit=4")).containsExactlyElementsOf(runs.reversed());
        assertThat(walk("limit=4")).containsExactlyElementsOf(runs.reversed());
        assertThat(walk("created_after=2026-11-30T10:03:30Z&limit=2")).containsExactly(runs.get(5), runs.get(4));
        assertThat(walk("created_before=2026-11-30T10:01:30Z&order=ASC&limit=2")).containsExactly(runs.get(0), runs.get(1));
    }

    @Test
    void anOffsetOrAnUnescapedPlus_isReadAsTheSameInstant() {
        api.get("/api/v1/runs?created_after=2026-11-30T12:30:00%2B02:00");
        api.get("/api/v1/runs?created_after=2026-11-30T12:30:00+02:00");
        api.get("/api/v1/runs?created_after=2026-11-30t10:30:00.000z");

        assertThat(api.useCases.listQueries).extracting(RunQuery::createdAfter)
                .containsExactly(Instant.parse("2026-11-30T10:30:00Z"), Instant.parse("2026-11-30T10:30:00Z"),
                        Instant.parse("2026-11-30T10:30:00Z"));
    }

    @Test
    void givenEveryParameter_list_asksTheUseCaseForExactlyThatQuery() {
        RunQuery expected = new RunQuery(new PageRequest(7, new Cursor(BASE, UUID.randomUUID()), ApiServer.LIMITS.pageBytes()),
                RunStatus.FAILED, workflowId, Tenants.DEFAULT, Instant.parse("2026-11-29T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00.5Z"), ListOrder.OLDEST_FIRST);
        String token = new CursorCodec(ApiServer.CURSOR_SECRET).encode(expected.page().after(), Tenants.DEFAULT,
                RunQueries.scope(expected));

        api.get("/api/v1/runs?limit=7&status=failed&workflow_id=" + workflowId + "&created_after=2026-11-29T00:00:00Z"
                + "&created_before=2026-12-01T00:00:00.500Z&order=asc&cursor=" + token);

        assertThat(api.useCases.listQueries).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            created_after=yesterday                 | created_after  | created_after must be an RFC 3339 date-time with an offset
            created_after=2026-11-30T00:00:00       | created_after  | created_after must be an RFC 3339 date-time with an offset
            created_before=2026-11-30               | created_before | created_before must be an RFC 3339 date-time with an offset
            created_before=2026-13-01T00:00:00Z     | created_before | created_before must be an RFC 3339 date-time with an offset
            created_before=1700000000               | created_before | created_before must be an RFC 3339 date-time with an offset
            created_after=%2B12026-01-01T00:00:00Z  | created_after  | created_after must lie between the years 0001 and 9999
            order=up                                | order          | order must be asc or desc
            order=ascending                         | order          | order must be asc or desc
            created_after=2026-11-30T10:00:00Z&created_before=2026-11-30T10:00:00Z | created_after | created_after must be before created_before
            created_after=2026-11-30T10:00:00Z&created_before=2026-11-30T11:00:00%2B02:00 | created_after | created_after must be before created_before
            """)
    void givenABadTimeBoundOrOrder_list_returns400NamingTheParameter_andAsksNothing(String query, String field, String detail) {
        assertInvalidQuery(api.get("/api/v1/runs?" + query), field, detail);
        assertThat(api.useCases.listQueries).as("the use case was not asked").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            order=desc                                                  | belongs to a listing in order=asc
            order=asc&status=pending                                    | belongs to a listing with other filters
            order=asc&workflow_id=00000000-0000-4000-8000-000000000001  | belongs to a listing with other filters
            order=asc&created_after=2026-11-30T09:00:00Z                | belongs to a listing with other filters
            order=asc&created_before=2026-11-30T11:00:00Z               | belongs to a listing with other filters
            """)
    void givenACursorFromAnotherOrderOrFilterSet_list_returns400SayingSo(String query, String detail) {
        String cursor = next("order=asc&limit=2");
        api.useCases.listQueries.clear();

        assertInvalidQuery(api.get("/api/v1/runs?" + query + "&limit=2&cursor=" + cursor), "cursor", "cursor " + detail);
        assertThat(api.useCases.listQueries).isEmpty();
    }

    @Test
    void aCursor_continuesItsListingWhateverTheSpellingOfItsFilters() {
        String cursor = next("created_before=2026-11-30T10:05:00Z&order=asc&limit=2&status=pending");

        Map<String, Object> page = api.get("/api/v1/runs?order=ASC&status=pending&limit=2"
                + "&created_before=2026-11-30T11:05:00%2B01:00&cursor=" + cursor).json();

        assertThat(ids(page)).containsExactly(runs.get(2), runs.get(3));
    }

    @Test
    void aCursorFromBeforeListingsHadAnOrder_continuesTheNewestFirstListing_andNoOther() {
        Run third = api.useCases.runs.get(UUID.fromString(runs.get(3)));
        String legacy = CursorCodecTest.unscopedToken(ApiServer.CURSOR_SECRET, new Cursor(third.createdAt(), third.id()));

        assertThat(ids(api.get("/api/v1/runs?limit=10&status=pending&cursor=" + legacy).json()))
                .containsExactly(runs.get(2), runs.get(1), runs.get(0));
        assertInvalidQuery(api.get("/api/v1/runs?order=asc&cursor=" + legacy), "cursor", "was issued by an earlier version");
        assertInvalidQuery(api.get("/api/v1/runs?created_after=2026-11-30T09:00:00Z&cursor=" + legacy), "cursor",
                "was issued by an earlier version");
    }

    private String next(String query) {
        String cursor = (String) api.get("/api/v1/runs?" + query).json().get("next_cursor");
        assertThat(cursor).isNotNull();
        return cursor;
    }

    private List<String> walk(String query) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; pages < 20; pages++) {
            Map<String, Object> page = api.get("/api/v1/runs?" + query + "&cursor=" + cursor).json();
            seen.addAll(ids(page));
            cursor = (String) page.get("next_cursor");
            if (cursor == null) {
                return seen;
            }
        }
        throw new AssertionError("more than 20 pages for " + query);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("uuid")).toList();
    }
}
