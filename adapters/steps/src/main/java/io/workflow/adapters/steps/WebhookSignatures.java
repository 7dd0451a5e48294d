package io.workflow.adapters.steps;

import io.workflow.domain.port.StepExecutor.Call;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks signature (standardwebhooks.com): {@code v1,} and the base64 of the
 * HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded
 * part of a {@code whsec_} secret; several signatures (during a rotation) are separated by spaces.
 */
final class WebhookSignatures {
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private WebhookSignatures() {
    }

    /**
     * The message id of a step's call: the same for every try of that step within one attempt of
     * the run, so a receiver can drop a repeat; {@code msg_} and a name-based UUID of the run, its
     * attempt and the step.
     */
    static String messageId(Call call) {
        String name = call.runId() + "/" + call.runAttempt() + "/" + call.stepName();
        return "msg_" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code webhook-signature} header's value: one {@code v1,<base64>} per secret, space-separated. */
    static String signature(List<String> secrets, String messageId, long timestamp, byte[] body) {
        return secrets.stream().map(secret -> "v1," + sign(secret, messageId, timestamp, body)).collect(Collectors.joining(" "));
    }

    private static String sign(String secret, String messageId, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
