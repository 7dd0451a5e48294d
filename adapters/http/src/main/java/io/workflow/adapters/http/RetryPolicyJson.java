package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.RetryPolicy.Failure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's {@code "retry"} on the wire: {@code {"max_attempts", "initial_interval", "backoff_coefficient",
 * "max_interval", "jitter", "retry_on"}}, intervals in seconds, {@code retry_on} a list of
 * {@code "5xx"}, {@code "429"}, {@code "timeout"}, {@code "connect"}, {@code "4xx"}. Only
 * {@code max_attempts} is required; the others default to 1 s, 2.0, 60 s, 0 and every kind but 4xx.
 */
final class RetryPolicyJson {
    private static final Map<String, Failure> KINDS = Map.of("5xx", Failure.SERVER_ERROR, "429", Failure.TOO_MANY_REQUESTS,
            "timeout", Failure.TIMEOUT, "connect", Failure.CONNECT, "4xx", Failure.CLIENT_ERROR);

    private RetryPolicyJson() {
    }

    /** The step's policy, or null when it has none. */
    static RetryPolicy read(RequestFields step) {
        if (!step.has("retry")) {
            return null;
        }
        RequestFields retry = step.requiredObject("retry");
        BigDecimal attempts = retry.requiredNumber("max_attempts");
        if (attempts.stripTrailingZeros().scale() > 0 || attempts.compareTo(BigDecimal.valueOf(RetryPolicy.MAX_ATTEMPTS)) > 0) {
            throw new InvalidInputException(retry.field("max_attempts"), "must be a whole number between 1 and " + RetryPolicy.MAX_ATTEMPTS);
        }
        return new RetryPolicy(attempts.intValue(), seconds(retry, "initial_interval", BigDecimal.ONE),
                number(retry, "backoff_coefficient", BigDecimal.TWO), seconds(retry, "max_interval", BigDecimal.valueOf(60)),
                number(retry, "jitter", BigDecimal.ZERO), kinds(retry));
    }

    static Map<String, Object> tree(RetryPolicy policy) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("max_attempts", policy.maxAttempts());
        tree.put("initial_interval", WireSeconds.write(policy.initialInterval()));
        tree.put("backoff_coefficient", policy.backoffCoefficient());
        tree.put("max_interval", WireSeconds.write(policy.maxInterval()));
        tree.put("jitter", policy.jitter());
        tree.put("retry_on", KINDS.entrySet().stream().filter(kind -> policy.retryOn().contains(kind.getValue()))
                .map(Map.Entry::getKey).sorted().toList());
        return tree;
    }

    private static Duration seconds(RequestFields retry, String name, BigDecimal fallback) {
        return WireSeconds.read(numberOr(retry, name, fallback));
    }

    private static double number(RequestFields retry, String name, BigDecimal fallback) {
        return numberOr(retry, name, fallback).doubleValue();
    }

    private static BigDecimal numberOr(RequestFields retry, String name, BigDecimal fallback) {
        return retry.has(name) ? retry.requiredNumber(name) : fallback;
    }

    private static Set<Failure> kinds(RequestFields retry) {
        if (!retry.has("retry_on")) {
            return null;
        }
        List<?> names = retry.requiredArray("retry_on");
        Set<Failure> kinds = EnumSet.noneOf(Failure.class);
        for (int i = 0; i < names.size(); i++) {
            Failure kind = names.get(i) instanceof String name ? KINDS.get(name) : null;
            if (kind == null) {
                throw new InvalidInputException(retry.field("retry_on") + "[" + i + "]",
                        "must be one of " + String.join(", ", KINDS.keySet().stream().sorted().toList()));
            }
            kinds.add(kind);
        }
        return kinds;
    }
}
