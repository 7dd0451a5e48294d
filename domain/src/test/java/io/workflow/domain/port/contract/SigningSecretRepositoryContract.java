package io.workflow.domain.port.contract;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.workflow.SigningSecrets;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SigningSecretRepository} must do; one subclass per implementation. */
public abstract class SigningSecretRepositoryContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected abstract SigningSecretRepository repository();

    @Test
    void savedSecrets_areFoundByWorkflow() {
        UUID workflow = UUID.randomUUID();
        SigningSecrets secrets = SigningSecrets.first(RANDOM);

        repository().save(workflow, secrets);

        assertThat(repository().find(workflow)).contains(secrets);
    }

    @Test
    void aRotation_replacesTheSecrets_keepingThePreviousOneAndItsEnd() {
        UUID workflow = UUID.randomUUID();
        SigningSecrets first = SigningSecrets.first(RANDOM);
        repository().save(workflow, first);
        SigningSecrets rotated = first.rotated(RANDOM, Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));

        repository().save(workflow, rotated);

        assertThat(repository().find(workflow)).contains(rotated);
        assertThat(rotated.previous()).isEqualTo(first.current());
    }

    @Test
    void aWorkflowWithoutSecrets_hasNone() {
        assertThat(repository().find(UUID.randomUUID())).isEmpty();
    }
}
