package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.WebhookHostCheck;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Creates a workflow from a validated command, stores and caches it. */
public final class CreateWorkflowService implements CreateWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;
    private final Clock clock;
    private final WebhookHostCheck webhookHosts;

    public CreateWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock,
                                 WebhookHostCheck webhookHosts) {
        this.workflows = workflows;
        this.cache = cache;
        this.clock = clock;
        this.webhookHosts = webhookHosts;
    }

    /** Without a webhook host check: for tests of everything else. */
    public CreateWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock) {
        this(workflows, cache, clock, WebhookHostCheck.NONE);
    }

    @Override
    public Workflow create(Command command) {
        checkWebhookHosts(command.steps());
        Instant now = clock.instant();
        Workflow workflow = new Workflow(TimeOrderedIds.next(now), command.clientId(), command.name(),
                command.description(), command.steps(), now);
        workflows.save(workflow);
        cache.written(workflow.uuid(), workflow);
        return workflow;
    }

    /**
     * Refuses, before anything is stored, a webhook whose host as written is one webhooks may not
     * call. A host that holds a placeholder is known only once a run resolves it, and is checked then.
     */
    private void checkWebhookHosts(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof WebhookStep webhook) || hostHoldsPlaceholder(webhook.url())) {
                continue;
            }
            String host = host(webhook.url());
            int index = i;
            webhookHosts.refusal(host).ifPresent(reason -> {
                throw new InvalidInputException("steps[" + index + "].config.url",
                        "of step '" + webhook.name() + "' may not be called: " + reason);
            });
        }
    }

    /** Whether a placeholder stands where the URL's host is: everything between the scheme and the path. */
    private static boolean hostHoldsPlaceholder(String url) {
        return authority(url).contains("${");
    }

    /** The host as written: the authority without user information and port, IPv6 brackets kept. */
    private static String host(String url) {
        String authority = authority(url);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static String authority(String url) {
        int start = url.indexOf("//") + 2;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return url.substring(start, end);
    }
}
