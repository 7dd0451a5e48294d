package io.workflow.application.service;

import io.workflow.application.TriggerRun;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Follows next from the first page to the last; returns the pages. */
    private List<Page<Run>> walk(int limit, RunStatus status, UUID workflowId) {
        List<Page<Run>> pages = new ArrayList<>();
        Cursor cursor = null;
        do {
            Page<Run> page = list(limit, cursor, status, workflowId);
            pages.add(page);
            cursor = page.next();
            assertThat(pages).as("walk ends").hasSizeLessThan(100);
        } while (cursor != null);
        return pages;
    }

    private Page<Run> list(int limit, Cursor after, RunStatus status, UUID workflowId) {
        return wiring.listRuns.list(new RunQuery(new PageRequest(limit, after, Long.MAX_VALUE), status, workflowId));
    }

    private static List<UUID> ids(List<Page<Run>> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).map(Run::id).toList();
    }

    private static List<UUID> newestFirst(List<Run> oldestFirst) {
        return oldestFirst.reversed().stream().map(Run::id).toList();
    }

    @Test
    void pagesOfThree_walkEveryRunExactlyOnce_newestFirst_withNullCursorAtTheEnd() {
        List<Run> runs = triggerRuns(workflowA, 10);

        List<Page<Run>> pages = walk(3, null, null);

        assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3, 3, 1);
        assertThat(pages.subList(0, 3)).extracting(Page::next).doesNotContainNull();
        assertThat(pages.getLast().next()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(newestFirst(runs));
    }

    @Test
    void givenRunsFillingTheLastPageExactly_theLastFullPageHasNoNextCursor() {
        List<Run> runs = triggerRuns(workflowA, 9);

        List<Page<Run>> pages = walk(3, null, null);

        assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3, 3);
        assertThat(pages.getLast().next()).isNull();
        assertThat(ids(pages)).containsExactlyElementsOf(newestFirst(runs));
    }

    @Test
    void givenRunsCreatedAtTheSameInstant_pagesStillWalkEachRunExactlyOnce() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(trigger.trigger(new TriggerRun.Command(workflowA.uuid(), Map.of())).id());
        }

        List<UUID> walked = ids(walk(2, null, null));

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void givenNoRuns_list_returnsAnEmptyLastPage() {
        Page<Run> page = list(PageRequest.DEFAULT_LIMIT, null, null, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void givenMoreRunsThanTheLimit_theFirstPageHoldsTheLimit_andTheNextPageTheRest() {
        List<Run> runs = triggerRuns(workflowA, 52);

        Page<Run> first = list(50, null, null, null);

        assertThat(first.items()).hasSize(50);
        assertThat(first.next()).isNotNull();
        assertThat(list(50, first.next(), null, null).items())
                .extracting(Run::id).containsExactly(runs.get(1).id(), runs.get(0).id());
    }

    @Test
    void statusFilter_returnsOnlyRunsWithThatStatus_acrossPages() {
        List<Run> runs = triggerRuns(workflowA, 8);
        List<Run> succeeded = List.of(runs.get(1), runs.get(4), runs.get(6));
        succeeded.forEach(this::succeed);

        List<UUID> success = ids(walk(2, RunStatus.SUCCESS, null));
        List<UUID> pending = ids(walk(2, RunStatus.PENDING, null));

        assertThat(success).containsExactlyElementsOf(newestFirst(succeeded));
        assertThat(pending).containsExactlyElementsOf(newestFirst(List.of(runs.get(0), runs.get(2), runs.get(3), runs.get(5), runs.get(7))));
        assertThat(ids(walk(2, RunStatus.FAILED, null))).isEmpty();
    }

    @Test
    void workflowFilter_returnsOnlyThatWorkflowsRuns_andCombinesWithStatus() {
        List<Run> runsOfA = triggerRuns(workflowA, 4);
        List<Run> runsOfB = triggerRuns(workflowB, 5);
        succeed(runsOfB.get(2));

        assertThat(ids(walk(2, null, workflowB.uuid()))).containsExactlyElementsOf(newestFirst(runsOfB));
        assertThat(ids(walk(3, null, workflowA.uuid()))).containsExactlyElementsOf(newestFirst(runsOfA));
        assertThat(ids(walk(2, RunStatus.SUCCESS, workflowB.uuid()))).containsExactly(runsOfB.get(2).id());
        assertThat(ids(walk(2, RunStatus.SUCCESS, workflowA.uuid()))).isEmpty();
        assertThat(ids(walk(2, null, UUID.randomUUID()))).isEmpty();
    }

    @Test
    void listedRuns_carryTheirCurrentState() {
        Run run = triggerRuns(workflowA, 1).getFirst();
        succeed(run);

        Run listed = list(1, null, null, null).items().getFirst();

        assertThat(listed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(listed.stepResults()).containsOnlyKeys("a");
    }

    @Test
    void limitsOneAndTwoHundred_areAccepted() {
        List<Run> runs = triggerRuns(workflowA, 3);

        assertThat(list(1, null, null, null).items()).extracting(Run::id).containsExactly(runs.getLast().id());
        assertThat(list(200, null, null, null).items()).hasSize(3);
        assertThat(new HashSet<>(ids(walk(1, null, null)))).hasSize(3);
    }
}
