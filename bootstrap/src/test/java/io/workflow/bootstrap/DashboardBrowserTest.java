package io.workflow.bootstrap;

import java.util.Map;

import io.workflow.bootstrap.browser.DashboardScenarios;

/** The dashboard's scenarios against the embedded service (memory adapters), started in this JVM. */
class DashboardBrowserTest extends DashboardScenarios {
    private Service service;

    @Override
    protected String startService() {
        service = EmbeddedServices.start(Map.of("webhook.allow", "127.0.0.2/32")); // the scenarios' receiver
        return "http://127.0.0.1:" + service.port();
    }

    @Override
    protected void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Override
    protected String screenshotPrefix() {
        return "";
    }
}
