package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.workflow.bootstrap.browser.DashboardScenarios;

/**
 * The dashboard's scenarios against the full stack through nginx ({@code WORKFLOW_STACK_URL}): the
 * pages come from whichever API replica nginx picks, the runs are executed by the workers, and the
 * webhook receiver in this JVM is reached by them on loopback.
 */
class DashboardStackIT extends DashboardScenarios {

    @Override
    protected String startService() {
        return StackUrl.require();
    }

    @Override
    protected void stopService() {
        // the stack is ops/test's: it stays up
    }

    @Override
    protected String apiKey() {
        return StackClient.adminKey();
    }

    /**
     * Types a made-up key, which a stack that requires keys refuses (401s the page reports), and
     * clears the stored key at its end; keys against the stack are ApiKeysIT's.
     */
    @Override
    @Test
    @Disabled("the stack requires a real key; this scenario types a made-up one (the embedded DashboardBrowserTest runs it)")
    protected void theApiKey_isSentAsABearerToken_andTheTimeFilter_asCreatedAfter() {
    }

    @Override
    protected String screenshotPrefix() {
        return "stack-";
    }
}
