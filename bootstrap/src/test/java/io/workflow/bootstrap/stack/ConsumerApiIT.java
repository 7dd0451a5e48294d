package io.workflow.bootstrap.stack;

import io.workflow.bootstrap.ConsumerApiChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ConsumerApiChecks} against the full stack through nginx ({@code WORKFLOW_STACK_URL}): three replicas, one PostgreSQL. */
class ConsumerApiIT {
    private static ConsumerApiChecks api;

    @BeforeAll
    static void connect() {
        String url = System.getenv("WORKFLOW_STACK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKFLOW_STACK_URL is not set: run these tests with ops/test, which starts the stack");
        }
        api = new ConsumerApiChecks(url);
    }

    @Test
    void concurrentTriggersWithOneKey_startOneRun_acrossReplicas() throws Exception {
        api.concurrentTriggersWithOneKey_startOneRun();
    }

    @Test
    void sameKeyWithAnotherBody_is422() throws Exception {
        api.sameKeyWithAnotherBody_is422();
    }

    @Test
    void triggerLackingPayloadPaths_is422_listingThem_andStoresNoRun() throws Exception {
        api.triggerLackingPayloadPaths_is422_listingThem_andStoresNoRun();
    }

    @Test
    void referenceToALaterOrUnknownStep_is422AtCreation() throws Exception {
        api.referenceToALaterOrUnknownStep_is422AtCreation();
    }

    @Test
    void workflowsList_andArchive() throws Exception {
        api.workflowsList_andArchive();
    }
}
