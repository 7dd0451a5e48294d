package io.workflow.domain.port.contract;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.RunSummary;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RunRepository} must do; one subclass per implementation. Each test works in a
 * workflow of its own, so a store shared between tests does not disturb the counts.
 */
public abstract class RunRepositoryContract {
    /** A payload string of about ten kilobytes in any store's encoding. */
    private static final int BLOB_CHARS = 10_000;

    private Workflow workflow;

    protected abstract RunRepository runs();

    protected abstract WorkflowRepository workflows();

    /**
     * A payload or step output of a {@link RunSummary} as plain Java objects: a store that hands
     * them on as {@link JsonText} decodes that text here the way its {@code list} decodes it.
     */
    protected Object decoded(Object value) {
        return value;
    }

    /** The workflow this test's runs belong to (saved before each test). */
    protected UUID workflowId() {
        return workflow.uuid();
    }

    @BeforeEach
    void createWorkflow() {
        workflow = Fixtures.workflow();
        workflows().save(workflow);
    }

    @Test
    void insertedRun_keepsItsWorkflowVersion_throughChanges() {
        Run run = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of("a", 1), Fixtures.now(), workflow.tenant(), 3);
        runs().insert(run);
        Run claimed = run.claim(Fixtures.now(), Fixtures.now().plusSeconds(30));
        assertThat(runs().compareAndSet(run, claimed)).isTrue();

        assertThat(runs().findById(run.id())).contains(claimed);
        assertThat(runs().findById(run.id()).orElseThrow().workflowVersion()).isEqualTo(3);
    }

    @Test
    void insertedRun_isFoundById_withEveryField() {
        Run run = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(run);

        assertThat(runs().findById(run.id())).contains(run);
        assertThat(runs().findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void compareAndSet_appliesOnlyWhenStatusAndLeaseStillMatch() {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        Instant now = Fixtures.now();
        Run claimed = pending.claim(now, now.plusSeconds(60));

        assertThat(runs().compareAndSet(pending, claimed)).isTrue();
        assertThat(runs().compareAndSet(pending, pending.claim(now, now.plusSeconds(90)))).isFalse();

        Run withResult = claimed.withStepResult(StepResult.succeeded("wait", now, now.plusMillis(5), Map.of("delayed_seconds", 1.5)));
        assertThat(runs().compareAndSet(claimed, withResult)).isTrue();
        Run done = withResult.succeed(now.plusSeconds(2));
        assertThat(runs().compareAndSet(withResult, done)).isTrue();

        assertThat(runs().findById(pending.id())).contains(done);
        assertThat(runs().compareAndSet(withResult, withResult.fail(now, "late"))).isFalse();
    }

    @Test
    void cancelledThenRetriedRun_isStoredWithItsAttempt_andListedByEachStatus() {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        Instant now = Fixtures.now();
        Run claimed = pending.claim(now, now.plusSeconds(10));
        Run renewed = claimed.heldUntil(now.plusSeconds(20));
        Run cancelled = renewed.withStepResult(StepResult.succeeded("wait", now, now, Map.of())).cancel(now.plusSeconds(1));

        assertThat(runs().compareAndSet(pending, claimed)).isTrue();
        assertThat(runs().compareAndSet(claimed, renewed)).as("a renewed lease").isTrue();
        assertThat(runs().compareAndSet(claimed, renewed)).as("the old lease no longer matches").isFalse();
        assertThat(runs().compareAndSet(renewed, cancelled)).isTrue();
        assertThat(runs().findById(pending.id())).contains(cancelled);
        assertThat(runs().list(new RunQuery(new PageRequest(10, null, Long.MAX_VALUE), RunStatus.CANCELLED, workflow.uuid())).items())
                .containsExactly(cancelled);

        Run retried = cancelled.retry();
        assertThat(runs().compareAndSet(cancelled, retried)).isTrue();
        assertThat(runs().findById(pending.id())).contains(retried);
        assertThat(runs().findById(pending.id()).orElseThrow().attempt()).isEqualTo(2);
    }

    @Test
    void concurrentClaims_onlyOneWins() throws Exception {
        Instant now = Fixtures.now();
        assertThat(winnersOfEightClaims((pending, i) -> () -> runs().compareAndSet(pending,
                pending.claim(now, now.plusSeconds(60 + i))))).isEqualTo(1);
    }

    @Test
    void claim_storesAPendingRunAsRunClaimWould_andReturnsItAsStored() {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        Instant now = Fixtures.now();

        var claimed = runs().claim(pending.id(), now, now.plusSeconds(60));

        assertThat(claimed).contains(pending.claim(now, now.plusSeconds(60)));
        assertThat(claimed.orElseThrow().startedAt()).as("this claim started it").isEqualTo(now);
        assertThat(runs().findById(pending.id())).isEqualTo(claimed);
    }

    @Test
    void claim_changesNothing_whileTheLeaseIsLive_orOnceFinished_orWhenAbsent() {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        Instant now = Fixtures.now();
        Run held = runs().claim(pending.id(), now, now.plusSeconds(60)).orElseThrow();

        assertThat(runs().claim(pending.id(), now.plusSeconds(59), now.plusSeconds(120))).as("lease still live").isEmpty();
        assertThat(runs().findById(pending.id())).contains(held);

        Run done = held.succeed(now.plusSeconds(1));
        assertThat(runs().compareAndSet(held, done)).isTrue();
        assertThat(runs().claim(pending.id(), now.plusSeconds(600), now.plusSeconds(660))).as("finished").isEmpty();
        assertThat(runs().findById(pending.id())).contains(done);
        assertThat(runs().claim(UUID.randomUUID(), now, now.plusSeconds(60))).as("absent").isEmpty();
    }

    @Test
    void claim_takesOverARunWhoseLeaseRanOut_keepingItsStartResultsAndTimer() {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        Instant start = Fixtures.now();
        Run held = runs().claim(pending.id(), start, start.plusSeconds(10)).orElseThrow();
        Run parked = held.withStepResult(StepResult.succeeded("first", start, start.plusMillis(3), Map.of("n", 1)))
                .park(new Timer("second", start.plusMillis(4), start.plusSeconds(30), List.of()));
        assertThat(runs().compareAndSet(held, parked)).isTrue();
        Instant later = start.plusSeconds(31);

        var taken = runs().claim(pending.id(), later, later.plusSeconds(10));

        assertThat(taken).contains(parked.claim(later, later.plusSeconds(10)));
        assertThat(taken.orElseThrow().startedAt()).as("the start stays the first claim's").isEqualTo(start);
        assertThat(runs().compareAndSet(parked, parked.succeed(later))).as("the old holder is fenced off").isFalse();
    }

    @Test
    void concurrentOneStepClaims_onlyOneWins() throws Exception {
        Instant now = Fixtures.now();
        assertThat(winnersOfEightClaims((pending, i) -> () -> runs().claim(pending.id(), now,
                now.plusSeconds(60 + i)).isPresent())).isEqualTo(1);
    }

    /** How many of eight claims of one new pending run, started together, won; {@code claim} makes the i-th. */
    private int winnersOfEightClaims(BiFunction<Run, Integer, Callable<Boolean>> claim) throws Exception {
        Run pending = Fixtures.pendingRun(workflow.uuid(), Fixtures.now());
        runs().insert(pending);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(claim.apply(pending, i));
        }
        int winners = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(claims.size())) {
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                winners += result.get() ? 1 : 0;
            }
        }
        return winners;
    }

    @Test
    void list_walksNewestFirst_inPages_eachRunExactlyOnce() {
        Instant base = Fixtures.now();
        List<UUID> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Run run = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(i));
            runs().insert(run);
            inserted.add(run.id());
        }
        // Two runs created in the same microsecond: the id breaks the tie.
        Run twinA = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(3));
        Run twinB = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(3));
        runs().insert(twinA);
        runs().insert(twinB);
        inserted.add(twinA.id());
        inserted.add(twinB.id());

        List<Run> seen = new ArrayList<>();
        Page<Run> page = runs().list(new RunQuery(new PageRequest(4, null, Long.MAX_VALUE), null, workflow.uuid()));
        seen.addAll(page.items());
        while (page.next() != null) {
            page = runs().list(new RunQuery(new PageRequest(4, page.next(), Long.MAX_VALUE), null, workflow.uuid()));
            seen.addAll(page.items());
        }

        assertThat(seen).extracting(Run::id).containsExactlyInAnyOrderElementsOf(inserted);
        for (int i = 1; i < seen.size(); i++) {
            Run before = seen.get(i - 1);
            Run after = seen.get(i);
            int byTime = before.createdAt().compareTo(after.createdAt());
            assertThat(byTime > 0 || (byTime == 0 && before.id().compareTo(after.id()) > 0))
                    .as("newest first, then by id descending").isTrue();
        }
    }

    @Test
    void list_stopsAtTheByteBudget_andTheNextPagesCarryTheRest_eachRunExactlyOnce() {
        Instant base = Fixtures.now();
        List<UUID> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Run run = runWithPayloadOf(BLOB_CHARS, base.plusMillis(i));
            runs().insert(run);
            inserted.add(run.id());
        }
        // Two runs of ~10 kB fit in 25 kB, a third does not: pages of two, whatever the limit.
        long budget = 25_000;

        List<Integer> sizes = new ArrayList<>();
        List<UUID> seen = new ArrayList<>();
        Page<Run> page = runs().list(new RunQuery(new PageRequest(50, null, budget), null, workflow.uuid()));
        sizes.add(page.items().size());
        page.items().forEach(run -> seen.add(run.id()));
        while (page.next() != null) {
            page = runs().list(new RunQuery(new PageRequest(50, page.next(), budget), null, workflow.uuid()));
            sizes.add(page.items().size());
            page.items().forEach(run -> seen.add(run.id()));
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(inserted.reversed());
    }

    @Test
    void list_aRunLargerThanTheBudget_comesAloneOnItsPage_withTheRestAfterIt() {
        Instant base = Fixtures.now();
        Run older = Fixtures.pendingRun(workflow.uuid(), base);
        Run large = runWithPayloadOf(BLOB_CHARS, base.plusMillis(1));
        runs().insert(older);
        runs().insert(large);

        Page<Run> first = runs().list(new RunQuery(new PageRequest(50, null, 1_000), null, workflow.uuid()));
        Page<Run> second = runs().list(new RunQuery(new PageRequest(50, first.next(), 1_000), null, workflow.uuid()));

        assertThat(first.items()).containsExactly(large);
        assertThat(first.next()).isNotNull();
        assertThat(second.items()).containsExactly(older);
        assertThat(second.next()).isNull();
    }

    @Test
    void list_countsStepResultsInTheBudget() {
        Instant base = Fixtures.now();
        Run withOutput = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(1));
        Run older = Fixtures.pendingRun(workflow.uuid(), base);
        runs().insert(older);
        runs().insert(withOutput);
        Run claimed = withOutput.claim(base, base.plusSeconds(60));
        runs().compareAndSet(withOutput, claimed);
        runs().compareAndSet(claimed, claimed.withStepResult(
                StepResult.succeeded("call", base, base, Map.of("body", "x".repeat(BLOB_CHARS)))));

        Page<Run> page = runs().list(new RunQuery(new PageRequest(50, null, 5_000), null, workflow.uuid()));

        assertThat(page.items()).extracting(Run::id).containsExactly(withOutput.id());
        assertThat(page.next()).isNotNull();
    }

    @Test
    void summaries_answerListsPages_withTheSameRunsCursorsAndContent() {
        Instant base = Fixtures.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", 42);
        payload.put("name", "Zoë \"quoted\" \u2603");
        payload.put("nested", Map.of("list", List.of(1, 2.5, true), "empty", Map.of()));
        payload.put("none", null);
        Run plain = Run.pending(TimeOrderedIds.next(base), workflow.uuid(), payload, base);
        Run withSteps = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(1));
        Run large = runWithPayloadOf(BLOB_CHARS, base.plusMillis(2));
        Run failed = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(3));
        for (Run run : List.of(plain, withSteps, large, failed)) {
            runs().insert(run);
        }
        Run claimed = withSteps.claim(base, base.plusSeconds(60));
        Run stepped = claimed
                .withStepResult(StepResult.succeeded("wait", base, base.plusMillis(5), Map.of("delayed_seconds", 1.5)))
                .withStepResult(StepResult.failed("call", base.plusMillis(6), base.plusMillis(9), null, "HTTP 500")
                        .after(List.of(new StepResult.Attempt(base.plusMillis(5), base.plusMillis(6), "timed out"))));
        assertThat(runs().compareAndSet(withSteps, claimed)).isTrue();
        assertThat(runs().compareAndSet(claimed, stepped)).isTrue();
        Run claimedToFail = failed.claim(base, base.plusSeconds(60));
        assertThat(runs().compareAndSet(failed, claimedToFail)).isTrue();
        assertThat(runs().compareAndSet(claimedToFail, claimedToFail.fail(base.plusSeconds(1), "no such host"))).isTrue();

        // Pages of two, and pages cut by a byte budget the large run overflows: the same walk both
        // ways, in either order, with and without time bounds (which leave out the plain run).
        for (PageRequest first : List.of(new PageRequest(2, null, Long.MAX_VALUE), new PageRequest(50, null, 5_000))) {
            for (ListOrder order : ListOrder.values()) {
                for (Instant after : Arrays.asList(null, base)) {
                    RunQuery query = new RunQuery(first, null, workflow.uuid(), Tenants.DEFAULT, after,
                            after == null ? null : base.plusSeconds(60), order);
                    assertThat(walkListAndSummaries(query)).as("pages of " + query).isGreaterThan(1);
                }
            }
        }
    }

    /** Pages through {@code query} with list and summaries side by side, asserting each page the same; returns how many pages. */
    private int walkListAndSummaries(RunQuery query) {
        int pages = 0;
        Page<Run> listed = runs().list(query);
        Page<RunSummary> summaries = runs().summaries(query);
        while (true) {
            pages++;
            assertThat(summaries.items().stream().map(this::decodedSummary).toList())
                    .containsExactlyElementsOf(listed.map(RunSummary::of).items());
            assertThat(summaries.next()).isEqualTo(listed.next());
            if (listed.next() == null) {
                return pages;
            }
            RunQuery next = query.withPage(new PageRequest(query.page().limit(), listed.next(), query.page().maxBytes()));
            listed = runs().list(next);
            summaries = runs().summaries(next);
        }
    }

    @Test
    void list_everyCombinationOfFiltersBoundsAndOrder_pagesThroughEachMatchingRunOnce_inOrder() {
        // A tenant of this test's own, so that listings without a workflow filter see only these runs.
        String tenant = "listing-" + UUID.randomUUID();
        Instant base = Fixtures.now();
        List<UUID> workflowIds = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Workflow owned = new Workflow(TimeOrderedIds.next(base), null, "listed " + w, null, List.of(), base, tenant);
            workflows().save(owned);
            workflowIds.add(owned.uuid());
        }
        List<Run> stored = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            // Every fourth run shares its predecessor's microsecond: the id breaks the tie in either order.
            Instant createdAt = base.plusMillis(i % 4 == 3 ? i - 1 : i);
            Run run = Run.pending(TimeOrderedIds.next(createdAt), workflowIds.get(i % 2), Map.of("i", i), createdAt, tenant);
            runs().insert(run);
            if (i % 3 == 0) {
                Run claimed = run.claim(base, base.plusSeconds(60));
                assertThat(runs().compareAndSet(run, claimed)).isTrue();
                run = claimed.fail(base.plusSeconds(1), "failed on purpose");
                assertThat(runs().compareAndSet(claimed, run)).isTrue();
            }
            stored.add(run);
        }
        // Bounds that fall exactly on runs, to show both are exclusive.
        Instant after = base.plusMillis(2);
        Instant before = base.plusMillis(10);

        int combinations = 0;
        for (RunStatus status : Arrays.asList(null, RunStatus.FAILED)) {
            for (UUID workflowId : Arrays.asList(null, workflowIds.getFirst())) {
                for (Instant createdAfter : Arrays.asList(null, after)) {
                    for (Instant createdBefore : Arrays.asList(null, before)) {
                        for (ListOrder order : ListOrder.values()) {
                            RunQuery query = new RunQuery(new PageRequest(2, null, Long.MAX_VALUE), status, workflowId,
                                    tenant, createdAfter, createdBefore, order);
                            Comparator<Run> byPosition = Comparator.comparing(Run::createdAt).thenComparing(Run::id);
                            List<UUID> expected = stored.stream()
                                    .filter(run -> status == null || run.status() == status)
                                    .filter(run -> workflowId == null || run.workflowId().equals(workflowId))
                                    .filter(run -> createdAfter == null || run.createdAt().isAfter(createdAfter))
                                    .filter(run -> createdBefore == null || run.createdAt().isBefore(createdBefore))
                                    .sorted(order == ListOrder.OLDEST_FIRST ? byPosition : byPosition.reversed())
                                    .map(Run::id).toList();

                            assertThat(walk(query)).as(query.toString()).containsExactlyElementsOf(expected);
                            walkListAndSummaries(query);
                            combinations++;
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(32);
        assertThat(walk(new RunQuery(new PageRequest(2, null, Long.MAX_VALUE), RunStatus.FAILED, workflowIds.getFirst(),
                tenant, after, before, ListOrder.OLDEST_FIRST))).as("some combination selects a strict subset")
                .isNotEmpty().hasSizeLessThan(stored.size() / 2);
    }

    /** The ids of every run {@code query} lists, page after page. */
    private List<UUID> walk(RunQuery query) {
        List<UUID> seen = new ArrayList<>();
        Page<Run> page = runs().list(query);
        page.items().forEach(run -> seen.add(run.id()));
        while (page.next() != null) {
            page = runs().list(query.withPage(new PageRequest(query.page().limit(), page.next(), query.page().maxBytes())));
            page.items().forEach(run -> seen.add(run.id()));
        }
        return seen;
    }

    private RunSummary decodedSummary(RunSummary summary) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        summary.stepResults().forEach((name, result) -> results.put(name, new StepResult(result.stepName(), result.status(),
                result.startedAt(), result.completedAt(), decoded(result.output()), result.error(), result.attempts())));
        return new RunSummary(summary.id(), summary.workflowId(), summary.status(), decoded(summary.payload()),
                summary.createdAt(), summary.startedAt(), summary.completedAt(), summary.error(), results, summary.attempt(),
                summary.workflowVersion());
    }

    private Run runWithPayloadOf(int chars, Instant createdAt) {
        return Run.pending(TimeOrderedIds.next(createdAt), workflow.uuid(), Map.of("blob", "x".repeat(chars)), createdAt);
    }

    @Test
    void list_lastPage_hasNoNextCursor_evenWhenFull() {
        Instant base = Fixtures.now();
        for (int i = 0; i < 3; i++) {
            runs().insert(Fixtures.pendingRun(workflow.uuid(), base.plusMillis(i)));
        }
        Page<Run> page = runs().list(new RunQuery(new PageRequest(3, null, Long.MAX_VALUE), null, workflow.uuid()));

        assertThat(page.items()).hasSize(3);
        assertThat(page.next()).isNull();
    }

    @Test
    void list_showsOnlyTheQueriedTenantsRuns_andEachRunKeepsItsTenant() {
        Instant base = Fixtures.now();
        Workflow other = new Workflow(TimeOrderedIds.next(base), null, "other tenant's", null, List.of(), base, "tenant-b");
        workflows().save(other);
        Run ours = Fixtures.pendingRun(workflow.uuid(), base);
        Run theirs = Run.pending(TimeOrderedIds.next(base), other.uuid(), Map.of(), base.plusMillis(1), "tenant-b");
        runs().insert(ours);
        runs().insert(theirs);

        Page<Run> forB = runs().list(new RunQuery(new PageRequest(200, null, Long.MAX_VALUE), null, null, "tenant-b"));
        Page<Run> forDefault = runs().list(new RunQuery(new PageRequest(200, null, Long.MAX_VALUE), null, other.uuid()));

        assertThat(forB.items()).extracting(Run::id).contains(theirs.id()).doesNotContain(ours.id());
        assertThat(forB.items()).extracting(Run::tenant).containsOnly("tenant-b");
        assertThat(forDefault.items()).as("the default tenant filtering by B's workflow").isEmpty();
        assertThat(runs().findById(theirs.id())).contains(theirs);
    }

    @Test
    void list_filtersByStatus() {
        Instant base = Fixtures.now();
        Run pending = Fixtures.pendingRun(workflow.uuid(), base);
        Run running = Fixtures.pendingRun(workflow.uuid(), base.plusMillis(1));
        runs().insert(pending);
        runs().insert(running);
        runs().compareAndSet(running, running.claim(base, base.plusSeconds(30)));

        Page<Run> page = runs().list(new RunQuery(new PageRequest(10, null, Long.MAX_VALUE), RunStatus.RUNNING, workflow.uuid()));

        assertThat(page.items()).extracting(Run::id).containsExactly(running.id());
    }

    @Test
    void findStranded_returnsOldPendingAndExpiredRunning_notLiveOnes() {
        Instant now = Fixtures.now();
        Run oldPending = Fixtures.pendingRun(workflow.uuid(), now.minusSeconds(120));
        Run freshPending = Fixtures.pendingRun(workflow.uuid(), now);
        Run expired = Fixtures.pendingRun(workflow.uuid(), now.minusSeconds(300));
        Run live = Fixtures.pendingRun(workflow.uuid(), now.minusSeconds(300));
        for (Run run : List.of(oldPending, freshPending, expired, live)) {
            runs().insert(run);
        }
        runs().compareAndSet(expired, expired.claim(now.minusSeconds(200), now.minusSeconds(100)));
        runs().compareAndSet(live, live.claim(now.minusSeconds(200), now.plusSeconds(100)));

        List<Run> stranded = runs().findStranded(now.minusSeconds(60), now, 1000);

        Set<UUID> ids = new HashSet<>();
        stranded.forEach(run -> ids.add(run.id()));
        assertThat(ids).contains(oldPending.id(), expired.id()).doesNotContain(freshPending.id(), live.id());
    }

    /**
     * Times for the due-run tests: long past, so that their runs come first among the due runs of a
     * store other tests share ({@link RunRepository#claimDue} takes the soonest due first). Each test
     * finishes its runs, so none is left due for the next.
     */
    private static final Instant LONG_AGO = Instant.parse("1970-01-02T00:00:00Z");

    @Test
    void parkedRun_keepsItsTimer_andClaimDueTakesItOnlyOnceDue_asStoredWithTheNewLease() {
        Instant now = LONG_AGO;
        Run pending = Fixtures.pendingRun(workflow.uuid(), now);
        runs().insert(pending);
        Run claimed = pending.claim(now, now.plusSeconds(10));
        StepResult.Attempt failed = new StepResult.Attempt(now, now.plusMillis(3), "answered 503");
        Run parked = claimed.park(new Timer("notify", now, now.plusSeconds(30), List.of(failed)));
        assertThat(runs().compareAndSet(pending, claimed)).isTrue();
        assertThat(runs().compareAndSet(claimed, parked)).isTrue();
        assertThat(runs().findById(pending.id())).contains(parked);

        assertThat(runs().claimDue(now.plusSeconds(29), now.plusSeconds(39), 100)).extracting(Run::id).doesNotContain(pending.id());

        List<Run> due = runs().claimDue(now.plusSeconds(31), now.plusSeconds(41), 100);
        Run resumed = parked.claim(now.plusSeconds(31), now.plusSeconds(41));
        assertThat(due).filteredOn(run -> run.id().equals(pending.id())).containsExactly(resumed);
        assertThat(runs().findById(pending.id())).contains(resumed);
        assertThat(runs().claimDue(now.plusSeconds(32), now.plusSeconds(42), 100)).as("claimed: its new lease runs")
                .extracting(Run::id).doesNotContain(pending.id());
        assertThat(runs().compareAndSet(resumed, resumed.succeed(now.plusSeconds(33)))).isTrue();
    }

    @Test
    void claimDue_byConcurrentCallers_claimsEachDueRunOnce() throws Exception {
        Instant now = LONG_AGO;
        Set<UUID> parkedIds = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Run pending = Fixtures.pendingRun(workflow.uuid(), now);
            runs().insert(pending);
            Run claimed = pending.claim(now, now.plusSeconds(10));
            runs().compareAndSet(pending, claimed);
            runs().compareAndSet(claimed, claimed.park(new Timer("wait", now, now.plusMillis(i), List.of())));
            parkedIds.add(pending.id());
        }
        Instant later = now.plusSeconds(1);
        List<Callable<List<Run>>> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(() -> runs().claimDue(later, later.plusSeconds(10), 15));
        }
        List<Run> claimed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<Run>> result : pool.invokeAll(callers)) {
                result.get().stream().filter(run -> parkedIds.contains(run.id())).forEach(claimed::add);
            }
        }
        assertThat(claimed).extracting(Run::id).as("no run claimed twice").doesNotHaveDuplicates();
        for (int i = 0; i < 10 && claimed.size() < parkedIds.size(); i++) {
            runs().claimDue(later, later.plusSeconds(10), 100).stream().filter(run -> parkedIds.contains(run.id())).forEach(claimed::add);
        }
        assertThat(claimed).extracting(Run::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(parkedIds);
        for (Run run : claimed) {
            assertThat(runs().compareAndSet(run, run.succeed(later))).isTrue();
        }
    }

    @Test
    void list_underConcurrentInserts_showsEveryEarlierRunExactlyOnce_andNoneTwice() throws Exception {
        Instant t0 = Fixtures.now().minusSeconds(60);
        int span = 40;
        List<Cursor> existing = new ArrayList<>();
        for (int i = 0; i < span; i++) {
            Run run = Fixtures.pendingRun(workflow.uuid(), t0.plusMillis(i));
            runs().insert(run);
            existing.add(new Cursor(run.createdAt(), run.id()));
        }

        ConcurrentPaging.assertEachExistingItemOnce(existing,
                after -> runs().list(new RunQuery(new PageRequest(3, after, Long.MAX_VALUE), null, workflow.uuid())),
                run -> new Cursor(run.createdAt(), run.id()),
                n -> runs().insert(Fixtures.pendingRun(workflow.uuid(), ConcurrentPaging.insertTime(n, t0, span))));
    }
}
