package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.RotateSigningSecret;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.WebhookHostCheck;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.WorkflowQuery;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSigningAndHostsTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final SigningSecretRepository secrets = wiring.signingSecrets;
    private final List<String> hostsChecked = new CopyOnWriteArrayList<>();
    private final WebhookHostCheck internalRefused = host -> {
        hostsChecked.add(host);
        return host.startsWith("10.") ? Optional.of(host + " is a private address") : Optional.empty();
    };
    private final CreateWorkflowService create = new CreateWorkflowService(wiring.workflows, wiring.workflowCacheAside,
            wiring.clock, internalRefused, new SecureRandom());

    @Test
    void aWebhookAtARefusedHost_isRefusedNamingTheStep_andNothingIsStored() {
        CreateWorkflow.Command command = command("https://user@10.0.0.7:8443/x?y=1");

        assertThatThrownBy(() -> create.createWithSecret(command))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("steps[1].config.url");
                    assertThat(e.reason()).isEqualTo("of step 'notify' may not be called: 10.0.0.7 is a private address");
                });
        assertThat(hostsChecked).containsExactly("10.0.0.7");
        assertThat(wiring.workflows.list(new WorkflowQuery(new PageRequest(50, null, Long.MAX_VALUE), null)).items()).isEmpty();
    }

    @Test
    void aHostFromAPlaceholder_isLeftToTheCall() {
        create.createWithSecret(command("http://${payload.host}/x"));

        assertThat(hostsChecked).isEmpty();
    }

    @Test
    void aCreatedWorkflow_hasItsSecretStored_andReturnedOnce() {
        CreateWorkflow.Created created = create.createWithSecret(command("https://hooks.example.org/a/b"));

        assertThat(hostsChecked).containsExactly("hooks.example.org");
        assertThat(created.signingSecret()).startsWith("whsec_");
        assertThat(secrets.find(created.workflow().uuid())).hasValueSatisfying(s -> assertThat(s.current()).isEqualTo(created.signingSecret()));
    }

    @Test
    void aRotation_keepsThePreviousSecretSigning_forTheGracePeriodOnly() {
        CreateWorkflow.Created created = create.createWithSecret(command("https://hooks.example.org/x"));
        RotateSigningSecret rotate = new RotateSigningSecretService(wiring.getWorkflow, secrets, wiring.clock,
                Duration.ofHours(1), new SecureRandom());

        RotateSigningSecret.Rotated rotated = rotate.rotate(created.workflow().uuid());

        assertThat(rotated.signingSecret()).isNotEqualTo(created.signingSecret());
        assertThat(rotated.previousValidUntil()).isEqualTo(wiring.clock.instant().plus(Duration.ofHours(1)));
        var stored = secrets.find(created.workflow().uuid()).orElseThrow();
        assertThat(stored.signingAt(wiring.clock.instant())).containsExactly(rotated.signingSecret(), created.signingSecret());
        wiring.clock.advance(Duration.ofHours(1));
        assertThat(stored.signingAt(wiring.clock.instant())).containsExactly(rotated.signingSecret());
        assertThatThrownBy(() -> rotate.rotate(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theWorker_tellsTheStepWhichRunAttemptAndStepItPerforms() {
        List<StepExecutor.Call> calls = new CopyOnWriteArrayList<>();
        StepExecutor steps = new StepExecutor() {
            @Override
            public StepOutcome execute(io.workflow.domain.workflow.Step step, io.workflow.domain.run.RunContext context) {
                throw new AssertionError("the worker names the call");
            }

            @Override
            public StepOutcome execute(io.workflow.domain.workflow.Step step, io.workflow.domain.run.RunContext context, Call call) {
                calls.add(call);
                return new StepOutcome.Succeeded(Map.of());
            }
        };
        var workflow = create.create(command("https://hooks.example.org/x"));
        var run = wiring.triggerRun(ignored -> { }).trigger(new io.workflow.application.TriggerRun.Command(workflow.uuid(), Map.of()));

        wiring.executeRun(steps, event -> { }).execute(run.id());

        assertThat(calls).containsExactly(new StepExecutor.Call(workflow.uuid(), run.id(), 1, "wait"),
                new StepExecutor.Call(workflow.uuid(), run.id(), 1, "notify"));
    }

    private static CreateWorkflow.Command command(String url) {
        return new CreateWorkflow.Command(null, "hooks", null, List.of(new DelayStep("wait", Duration.ofMillis(1)),
                new WebhookStep("notify", url, "POST", Map.of(), null)));
    }
}
