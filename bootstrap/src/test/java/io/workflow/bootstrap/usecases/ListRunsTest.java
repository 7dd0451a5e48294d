package io.workflow.bootstrap.usecases;

import io.workflow.application.ListRuns.Query;
import io.workflow.application.ListRuns.RunPage;
import io.workflow.application.TriggerRun;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.CursorCodec;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListRunsTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final Workflow workflowA = wiring.workflowOfDelays("a");
    private final Workflow workflowB = wiring.workflowOfDelays("b");

    /** Triggers {@code count} runs one second apart; returns them oldest first. */
    private List<Run> triggerRuns(Workflow workflow, int count) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("n", i))));
            wiring.clock.advance(Duration.ofSeconds(1));
        }
        return runs;
    }

    private void succeed(Run run) {
        wiring.executeRun((step, context) -> new StepOutcome.Succeeded(null), done -> { }).execute(run.id());
    }

    /** Follows next_cursor from the first page to the last; returns the pages. */
    private List<RunPage> walk(String limit, String status, String workflowId) {
        List<RunPage> pages = new ArrayList<>();
        String cursor = null;
        do {
            RunPage page = wiring.listRuns.list(new Query(limit, cursor, status, workflowId));
            pages.add(page);
            cursor = page.nextCursor();
            assertThat(pages).as("walk ends").hasSizeLessThan(100);
        } while (cursor != null);
        return pages;
    }

    private static List<UUID> ids(List<RunPage> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).map(Run::id).toList();
    }

    private static List<UUID> newestFirst(List<Run> oldestFirst) {
        return oldestFirst.reversed().stream().map(Run::id).toList();
    }

    @Test
    void pagesOfThree_walkEveryRunExactlyOnce_newestFirst_withNullCursorAtTheEnd() {
        List<Run> runs = triggerRuns(workflowA, 10);

        List<RunPage> pages = walk("3", null, null);

        assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3, 3, 1);
        assertThat(pages).extracting(RunPage::limit).containsOnly(3);
        assertThat(pages.subList(0, 3)).extracting(RunPage::nextCursor).doesNotContainNull();
        assertThat(pages.getLast().nextCursor()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(newestFirst(runs));
    }

    @Test
    void givenRunsFillingTheLastPageExactly_theLastFullPageHasNoNextCursor() {
        List<Run> runs = triggerRuns(workflowA, 9);

        List<RunPage> pages = walk("3", null, null);

        assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3, 3);
        assertThat(pages.getLast().nextCursor()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(newestFirst(runs));
    }

    @Test
    void givenRunsCreatedAtTheSameInstant_pagesStillWalkEachRunExactlyOnce() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(trigger.trigger(new TriggerRun.Command(workflowA.uuid(), Map.of())).id());
        }

        List<UUID> walked = ids(walk("2", null, null));

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void givenNoRuns_list_returnsAnEmptyLastPage() {
        RunPage page = wiring.listRuns.list(new Query(null, null, null, null));

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThat(page.limit()).isEqualTo(50);
    }

    @Test
    void givenNoLimit_list_appliesFifty() {
        List<Run> runs = triggerRuns(workflowA, 52);

        RunPage first = wiring.listRuns.list(new Query(null, null, null, null));
        RunPage blank = wiring.listRuns.list(new Query(" ", "", "", ""));

        assertThat(first.limit()).isEqualTo(50);
        assertThat(first.items()).hasSize(50);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(blank.items()).isEqualTo(first.items());
        assertThat(wiring.listRuns.list(new Query(null, first.nextCursor(), null, null)).items())
                .extracting(Run::id).containsExactly(runs.get(1).id(), runs.get(0).id());
    }

    @Test
    void statusFilter_returnsOnlyRunsWithThatStatus_acrossPages() {
        List<Run> runs = triggerRuns(workflowA, 8);
        List<Run> succeeded = List.of(runs.get(1), runs.get(4), runs.get(6));
        succeeded.forEach(this::succeed);

        List<UUID> success = ids(walk("2", "success", null));
        List<UUID> pending = ids(walk("2", "pending", null));

        assertThat(success).containsExactlyElementsOf(newestFirst(succeeded));
        assertThat(pending).containsExactlyElementsOf(newestFirst(List.of(runs.get(0), runs.get(2), runs.get(3), runs.get(5), runs.get(7))));
        assertThat(ids(walk("2", "failed", null))).isEmpty();
    }

    @Test
    void workflowFilter_returnsOnlyThatWorkflowsRuns_andCombinesWithStatus() {
        List<Run> runsOfA = triggerRuns(workflowA, 4);
        List<Run> runsOfB = triggerRuns(workflowB, 5);
        succeed(runsOfB.get(2));

        assertThat(ids(walk("2", null, workflowB.uuid().toString()))).containsExactlyElementsOf(newestFirst(runsOfB));
        assertThat(ids(walk("3", null, workflowA.uuid().toString()))).containsExactlyElementsOf(newestFirst(runsOfA));
        assertThat(ids(walk("2", "success", workflowB.uuid().toString()))).containsExactly(runsOfB.get(2).id());
        assertThat(ids(walk("2", "success", workflowA.uuid().toString()))).isEmpty();
        assertThat(ids(walk("2", null, UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void listedRuns_carryTheirCurrentState() {
        Run run = triggerRuns(workflowA, 1).getFirst();
        succeed(run);

        Run listed = wiring.listRuns.list(new Query("1", null, null, null)).items().getFirst();

        assertThat(listed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(listed.stepResults()).containsOnlyKeys("a");
    }

    @ParameterizedTest(name = "limit={0} cursor={1} status={2} workflow_id={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "0,    null, null, null, limit",
            "201,  null, null, null, limit",
            "-1,   null, null, null, limit",
            "abc,  null, null, null, limit",
            "2.5,  null, null, null, limit",
            "99999999999, null, null, null, limit",
            "null, garbage, null, null, cursor",
            "null, AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA, null, null, cursor",
            "null, null, done, null, status",
            "null, null, succeeded, null, status",
            "null, null, null, not-a-uuid, workflow_id",
            "null, null, null, 42, workflow_id",
    })
    void givenBadParameter_list_throwsNamingIt(String limit, String cursor, String status, String workflowId, String field) {
        triggerRuns(workflowA, 2);

        assertThatThrownBy(() -> wiring.listRuns.list(new Query(limit, cursor, status, workflowId)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void givenCursorIssuedWithAnotherSecret_list_throwsNamingCursor() {
        triggerRuns(workflowA, 2);
        String foreign = new CursorCodec("another-secret").encode(new Cursor(Instant.now(), UUID.randomUUID()));

        assertThatThrownBy(() -> wiring.listRuns.list(new Query("2", foreign, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void limitsOneAndTwoHundred_areAccepted() {
        List<Run> runs = triggerRuns(workflowA, 3);

        assertThat(wiring.listRuns.list(new Query("1", null, null, null)).items()).extracting(Run::id)
                .containsExactly(runs.getLast().id());
        assertThat(wiring.listRuns.list(new Query("200", null, null, null)).items()).hasSize(3);
        assertThat(wiring.listRuns.list(new Query(" 2 ", null, null, null)).items()).hasSize(2);
        assertThat(new HashSet<>(ids(walk("1", null, null)))).hasSize(3);
    }
}
