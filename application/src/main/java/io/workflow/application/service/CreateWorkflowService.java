package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.WebhookHostCheck;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** Creates a workflow from a validated command, stores and caches it. */
public final class CreateWorkflowService implements CreateWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;
    private final Clock clock;
    private final WebhookHostCheck webhookHosts;
    private final RandomGenerator random;

    /**
     * {@code random}: where each new workflow's webhook signing secret comes from, so a cryptographically
     * strong source (null: no secret is made); the workflow repository stores the secret with the workflow.
     */
    public CreateWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock,
                                 WebhookHostCheck webhookHosts, SecureRandom random) {
        this.workflows = workflows;
        this.cache = cache;
        this.clock = clock;
        this.webhookHosts = webhookHosts;
        this.random = random;
    }

    /** Without a webhook host check or signing secrets: for tests of everything else. */
    public CreateWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock) {
        this(workflows, cache, clock, WebhookHostCheck.NONE, null);
    }

    @Override
    public Workflow create(Command command) {
        return createWithSecret(command).workflow();
    }

    /** The secret is stored with the workflow, in one write: there is never a workflow without its secret. */
    @Override
    public Created createWithSecret(Command command) {
        checkWebhookHosts(webhookHosts, command.steps());
        Instant now = clock.instant();
        Workflow workflow = new Workflow(TimeOrderedIds.next(now), command.clientId(), command.name(),
                command.description(), command.steps(), now, command.retry(), command.timeout(), null, command.tenant(),
                1, command.payloadSchema());
        String secret = null;
        if (random == null) {
            workflows.save(workflow);
        } else {
            SigningSecrets first = SigningSecrets.first(random);
            workflows.save(workflow, first);
            secret = first.current();
        }
        cache.written(workflow.uuid(), workflow);
        return new Created(workflow, secret);
    }

    /**
     * Refuses, before anything is stored, a webhook whose host as written is one webhooks may not
     * call. A host that holds a placeholder is known only once a run resolves it, and is checked then.
     * Revising a workflow asks the same.
     */
    static void checkWebhookHosts(WebhookHostCheck webhookHosts, List<Step> steps) {
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
