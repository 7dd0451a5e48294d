package io.workflow.domain.port.contract;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks a keyset-paged listing, newest first, while another thread inserts items into it, and checks
 * what every listing promises: each item that existed before the walk began is seen exactly once, no
 * item is seen twice, and positions only go down. Between two pages the walk waits (bounded) until
 * the inserter has added something, so inserts really land between pages.
 */
final class ConcurrentPaging {
    private static final int MAX_INSERTS = 2_000;
    private static final int MAX_PAGES = 1_000;
    private static final Duration WAIT_FOR_INSERT = Duration.ofSeconds(5);

    private ConcurrentPaging() {
    }

    /**
     * Pages with {@code pageAfter} (null = the first page) while {@code insert} is called over and
     * over on another thread with a running count; {@code position} gives an item's position and
     * {@code existing} are the positions present before. Returns how many items were inserted.
     */
    static <T> int assertEachExistingItemOnce(List<Cursor> existing, Function<Cursor, Page<T>> pageAfter,
                                              Function<T, Cursor> position, IntConsumer insert) throws Exception {
        AtomicBoolean walking = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        List<Cursor> seen = new ArrayList<>();
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        try {
            Future<?> inserts = inserter.submit(() -> {
                while (walking.get() && inserted.get() < MAX_INSERTS) {
                    insert.accept(inserted.get());
                    inserted.incrementAndGet();
                }
            });
            Cursor after = null;
            int pages = 0;
            do {
                awaitAnotherInsert(inserted, inserts);
                Page<T> page = pageAfter.apply(after);
                page.items().forEach(item -> seen.add(position.apply(item)));
                after = page.next();
                pages++;
            } while (after != null && pages < MAX_PAGES);
            walking.set(false);
            inserts.get(30, TimeUnit.SECONDS);
            assertThat(after).as("the walk ended within " + MAX_PAGES + " pages").isNull();
        } finally {
            walking.set(false);
            inserter.shutdownNow();
            assertThat(inserter.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        Set<Cursor> distinct = new HashSet<>(seen);
        assertThat(distinct).as("no item seen twice").hasSameSizeAs(seen);
        assertThat(seen).as("every item present before the walk, once").containsAll(existing);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("positions go down, newest first").isLessThan(seen.get(i - 1));
        }
        assertThat(inserted.get()).as("items were inserted while the walk went on").isPositive();
        return inserted.get();
    }

    /** A position among {@code existing}'s times, or now: inserts land both ahead of and behind the walk. */
    static Instant insertTime(int n, Instant oldest, int spanMillis) {
        return n % 2 == 0 ? Fixtures.now() : oldest.plusMillis((n * 7L) % spanMillis).plusNanos(((n * 13L) % 1000) * 1000);
    }

    private static void awaitAnotherInsert(AtomicInteger inserted, Future<?> inserts) throws Exception {
        int before = inserted.get();
        long deadline = System.nanoTime() + WAIT_FOR_INSERT.toNanos();
        while (inserted.get() == before && !inserts.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (inserts.isDone()) {
            inserts.get(); // an insert that failed fails the test here
        }
    }
}
