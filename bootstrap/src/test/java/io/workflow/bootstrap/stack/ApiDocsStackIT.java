package io.workflow.bootstrap.stack;

import io.workflow.bootstrap.browser.ApiDocsScenarios;

/** The API docs' scenarios through nginx ({@code WORKFLOW_STACK_URL}): "Try it out" reaches an API replica behind it. */
class ApiDocsStackIT extends ApiDocsScenarios {

    @Override
    protected String startService() {
        return StackUrl.require();
    }

    @Override
    protected void stopService() {
        // the stack is ops/test's: it stays up
    }
}
