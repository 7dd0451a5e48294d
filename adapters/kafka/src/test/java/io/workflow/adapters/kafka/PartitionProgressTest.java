package io.workflow.adapters.kafka;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {
    private final PartitionProgress progress = new PartitionProgress();

    @Test
    void givenNothingReceived_position_isEmpty() {
        assertThat(progress.position()).isEmpty();
        assertThat(progress.uncommittedPosition()).isEmpty();
    }

    @Test
    void givenRecordsInFlight_position_isTheFirstOfThem() {
        receive(42, 43, 44);

        assertThat(progress.position()).hasValue(42);
        assertThat(progress.unfinishedCount()).isEqualTo(3);
    }

    @Test
    void givenRecordsFinishingInOrder_position_followsThem() {
        receive(0, 1, 2);

        progress.finished(0);
        assertThat(progress.position()).hasValue(1);
        progress.finished(1);
        assertThat(progress.position()).hasValue(2);
        progress.finished(2);
        assertThat(progress.position()).hasValue(3);
        assertThat(progress.unfinishedCount()).isZero();
    }

    @Test
    void givenASlowFirstRecord_position_staysAtItUntilItFinishes() {
        receive(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        for (long offset = 9; offset >= 1; offset--) {
            progress.finished(offset);
            assertThat(progress.position()).hasValue(0);
        }
        progress.finished(0);

        assertThat(progress.position()).hasValue(10);
    }

    @Test
    void givenAGapInTheMiddle_position_stopsAtTheGap() {
        receive(0, 1, 2, 3, 4);

        finish(0, 1, 3, 4);
        assertThat(progress.position()).hasValue(2);
        progress.finished(2);

        assertThat(progress.position()).hasValue(5);
    }

    @Test
    void givenOffsetsTheLogSkipped_position_jumpsOverThem() {
        receive(5, 7, 10);

        progress.finished(7);
        assertThat(progress.position()).hasValue(5);
        progress.finished(5);
        assertThat(progress.position()).hasValue(10);
        progress.finished(10);
        assertThat(progress.position()).hasValue(11);
    }

    @Test
    void givenARecordReceivedAgain_received_refusesItAndKeepsTrackingOnce() {
        receive(0, 1);

        assertThat(progress.received(1)).isFalse();
        assertThat(progress.received(0)).isFalse();
        progress.finished(1);
        progress.finished(0);

        assertThat(progress.position()).hasValue(2);
        assertThat(progress.unfinishedCount()).isZero();
    }

    @Test
    void givenUnknownOrRepeatedFinishes_position_isUnchanged() {
        receive(3, 4);

        progress.finished(2);
        progress.finished(99);
        progress.finished(4);
        progress.finished(4);

        assertThat(progress.position()).hasValue(3);
    }

    @Test
    void givenACommittedPosition_uncommittedPosition_isEmptyUntilItMoves() {
        receive(0, 1);
        progress.finished(0);
        progress.committed(1);

        assertThat(progress.uncommittedPosition()).isEmpty();
        progress.finished(1);

        assertThat(progress.uncommittedPosition()).hasValue(2);
    }

    @Test
    void givenAFailedCommit_uncommittedPosition_offersItAgain() {
        receive(0);
        progress.finished(0);
        progress.committed(1);

        progress.commitFailed(1);

        assertThat(progress.uncommittedPosition()).hasValue(1);
    }

    @Test
    void givenAnOlderCommitFailingAfterANewerOne_uncommittedPosition_staysEmpty() {
        receive(0, 1);
        progress.finished(0);
        progress.committed(1);
        progress.finished(1);
        progress.committed(2);

        progress.commitFailed(1);

        assertThat(progress.uncommittedPosition()).isEmpty();
    }

    @Test
    void givenRevocationAndReassignment_runsOfTheOldAssignment_doNotMoveTheNewOne() {
        receive(0, 1, 2, 3);
        finish(0, 2);
        long committedAtRevocation = progress.position().orElseThrow();
        assertThat(committedAtRevocation).isEqualTo(1);

        // The partition comes back: reading resumes at the committed offset, with fresh progress.
        PartitionProgress reassigned = new PartitionProgress();
        for (long offset = committedAtRevocation; offset <= 3; offset++) {
            assertThat(reassigned.received(offset)).isTrue();
        }
        progress.finished(1);
        progress.finished(3);

        assertThat(reassigned.position()).hasValue(1);
        assertThat(progress.position()).hasValue(4);
    }

    @Test
    void givenRandomGapsAndRandomFinishingOrder_position_neverPassesAnUnfinishedRecord() {
        Random random = new Random(20_26);
        for (int round = 0; round < 50; round++) {
            PartitionProgress partition = new PartitionProgress();
            List<Long> offsets = new ArrayList<>();
            long offset = random.nextInt(1000);
            for (int i = 0; i < 200; i++) {
                offset += 1 + (random.nextInt(10) == 0 ? random.nextInt(5) : 0);
                offsets.add(offset);
                assertThat(partition.received(offset)).isTrue();
            }
            long highest = offset;
            TreeSet<Long> unfinished = new TreeSet<>(offsets);
            List<Long> order = new ArrayList<>(offsets);
            Collections.shuffle(order, random);
            long previous = partition.position().orElseThrow();
            for (long done : order) {
                partition.finished(done);
                unfinished.remove(done);
                long position = partition.position().orElseThrow();
                assertThat(position).isEqualTo(unfinished.isEmpty() ? highest + 1 : unfinished.first());
                assertThat(position).isGreaterThanOrEqualTo(previous);
                previous = position;
            }
            assertThat(partition.position()).hasValue(highest + 1);
        }
    }

    private void receive(long... offsets) {
        for (long offset : offsets) {
            assertThat(progress.received(offset)).isTrue();
        }
    }

    private void finish(long... offsets) {
        for (long offset : offsets) {
            progress.finished(offset);
        }
    }
}
