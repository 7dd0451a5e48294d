package io.workflow.bootstrap.stack;

/** The stack's address for the browser tests, which build their own URLs: {@code WORKFLOW_STACK_URL} without a trailing slash. */
final class StackUrl {
    private StackUrl() {
    }

    static String require() {
        String url = System.getenv("WORKFLOW_STACK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKFLOW_STACK_URL is not set: run these tests with ops/test, which starts the stack");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
