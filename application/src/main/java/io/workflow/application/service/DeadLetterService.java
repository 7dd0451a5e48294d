package io.workflow.application.service;

import io.workflow.application.DeleteDeadLetter;
import io.workflow.application.ListDeadLetters;
import io.workflow.application.RedriveDeadLetter;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.deadletter.RedriveRefusedException;
import io.workflow.domain.deadletter.RedriveRefusedException.Why;
import io.workflow.domain.deadletter.UnreadableEventException;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.TriggerEventReader;
import io.workflow.domain.run.Run;

import java.time.Clock;
import java.util.UUID;

/** Lists, redrives and deletes dead letters. */
public final class DeadLetterService implements ListDeadLetters, RedriveDeadLetter, DeleteDeadLetter {
    private static final String WHAT = "dead letter";

    private final DeadLetterRepository letters;
    private final TriggerEventReader events;
    private final RunRepository runs;
    private final RunDispatcher dispatcher;
    private final Clock clock;

    public DeadLetterService(DeadLetterRepository letters, TriggerEventReader events, RunRepository runs,
                             RunDispatcher dispatcher, Clock clock) {
        this.letters = letters;
        this.events = events;
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public Page<DeadLetter> list(PageRequest page, String tenant) {
        return letters.list(page, tenant);
    }

    /*
     * The run is dispatched before the letter is marked: a dispatch that fails leaves the letter as it
     * was, to be redriven again. Two redrives at once may both dispatch, which is harmless: a worker
     * claims a run with compare-and-set, so the second delivery finds it held or finished.
     */
    @Override
    public DeadLetter redrive(UUID id, String tenant) {
        DeadLetter letter = visible(id, tenant);
        if (letter.redrivenAt() != null) {
            throw new RedriveRefusedException(Why.ALREADY_REDRIVEN, "dead letter " + id + " was redriven at "
                    + letter.redrivenAt() + "; trigger the workflow again or retry the run instead");
        }
        if (letter.truncated()) {
            throw new RedriveRefusedException(Why.UNREADABLE, "dead letter " + id
                    + " keeps only the first " + DeadLetter.MAX_PAYLOAD_BYTES + " bytes of its event, which cannot be read again");
        }
        UUID runId;
        try {
            runId = events.runId(letter.payload());
        } catch (UnreadableEventException e) {
            throw new RedriveRefusedException(Why.UNREADABLE, "the event of dead letter " + id + " is still unreadable: " + e.getMessage());
        }
        Run run = runs.findById(runId).filter(found -> found.tenant().equals(tenant)).orElseThrow(() ->
                new RedriveRefusedException(Why.RUN_NOT_LOADABLE, "run " + runId + ", named by dead letter " + id
                        + ", still cannot be loaded"));
        dispatcher.dispatch(run);
        letters.markRedriven(id, clock.instant());
        return letters.findById(id).orElseGet(() -> letter.redriven(clock.instant()));
    }

    @Override
    public void delete(UUID id, String tenant) {
        visible(id, tenant);
        if (!letters.delete(id)) {
            throw new NotFoundException(WHAT, id);
        }
    }

    private DeadLetter visible(UUID id, String tenant) {
        return letters.findById(id).filter(letter -> letter.visibleTo(tenant)).orElseThrow(() -> new NotFoundException(WHAT, id));
    }
}
