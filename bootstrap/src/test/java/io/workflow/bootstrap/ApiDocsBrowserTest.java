package io.workflow.bootstrap;

import io.workflow.bootstrap.browser.ApiDocsScenarios;

/** The API docs' scenarios against the embedded service, started in this JVM. */
class ApiDocsBrowserTest extends ApiDocsScenarios {
    private Service service;

    @Override
    protected String startService() {
        service = EmbeddedServices.start();
        return "http://127.0.0.1:" + service.port();
    }

    @Override
    protected void stopService() {
        if (service != null) {
            service.close();
        }
    }
}
