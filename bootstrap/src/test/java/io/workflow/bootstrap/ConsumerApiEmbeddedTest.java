package io.workflow.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ConsumerApiChecks} against the embedded service (memory adapters), as {@code ops/run} starts it. */
class ConsumerApiEmbeddedTest {
    private static Service service;
    private static ConsumerApiChecks api;

    @BeforeAll
    static void start() {
        service = EmbeddedServices.start();
        api = new ConsumerApiChecks("http://127.0.0.1:" + service.port());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void concurrentTriggersWithOneKey_startOneRun() throws Exception {
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
