package io.workflow.bootstrap.stack;

import io.workflow.bootstrap.ConsumerApiChecks;

/** {@link ConsumerApiChecks} against the full stack through nginx ({@code WORKFLOW_STACK_URL}): three replicas, one PostgreSQL. */
class ConsumerApiIT extends ConsumerApiChecks {

    @Override
    protected String apiKey() {
        return StackClient.adminKey();
    }

    @Override
    protected String baseUrl() {
        String url = System.getenv("WORKFLOW_STACK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKFLOW_STACK_URL is not set: run these tests with ops/test, which starts the stack");
        }
        return url;
    }
}
