package io.workflow.adapters.kafka;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one partition that this worker received during one assignment, and which of them
 * finished. The position to commit is the lowest unfinished offset, or one past the highest received
 * when all finished: every record before it is done, whatever order the runs finished in. Offsets the
 * log skips (compaction, transaction markers) were never received and hold nothing up.
 * Not thread-safe: the worker's poll thread alone uses it.
 */
final class PartitionProgress {
    private static final long NONE = -1;

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long highestReceived = NONE;
    private long committed = NONE;

    /** Notes a received record; false when the offset is not past every earlier one (a re-fetch, to skip). */
    boolean received(long offset) {
        if (offset <= highestReceived) {
            return false;
        }
        highestReceived = offset;
        unfinished.add(offset);
        return true;
    }

    /** Notes that a received record is done with; other offsets, and repeats, change nothing. */
    void finished(long offset) {
        unfinished.remove(offset);
    }

    /** How many received records are not finished yet. */
    int unfinishedCount() {
        return unfinished.size();
    }

    /** The offset to commit (the next record to read after a restart); empty before the first record. */
    OptionalLong position() {
        if (highestReceived == NONE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unfinished.isEmpty() ? highestReceived + 1 : unfinished.first());
    }

    /** The position when it moved since the last successful commit. */
    OptionalLong uncommittedPosition() {
        OptionalLong position = position();
        return position.isPresent() && position.getAsLong() != committed ? position : OptionalLong.empty();
    }

    /** Notes that {@code position} was (or is being) committed. */
    void committed(long position) {
        committed = position;
    }

    /** Notes that committing {@code position} failed, so the next commit sends it again. */
    void commitFailed(long position) {
        if (committed == position) {
            committed = NONE;
        }
    }
}
