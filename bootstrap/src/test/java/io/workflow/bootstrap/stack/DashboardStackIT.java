package io.workflow.bootstrap.stack;

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

    @Override
    protected String screenshotPrefix() {
        return "stack-";
    }
}
