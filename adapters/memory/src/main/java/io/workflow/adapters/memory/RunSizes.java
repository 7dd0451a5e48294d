package io.workflow.adapters.memory;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.util.Collection;
import java.util.Map;

/**
 * How many bytes a run holds, as this adapter counts them for a page's byte budget: its payload and
 * step results measured as compact JSON in UTF-8 would be (the way the other stores keep them),
 * without writing anything.
 */
final class RunSizes {
    /** Field names, punctuation and the two timestamps of one step result, beside its output and error. */
    private static final long STEP_RESULT_OVERHEAD = 140;
    /** Field names, punctuation, type and config keys of one step, beside its own values. */
    private static final long STEP_OVERHEAD = 60;

    private RunSizes() {
    }

    static long of(Run run) {
        long bytes = value(run.payload()) + 2;
        for (StepResult result : run.stepResults().values()) {
            bytes += STEP_RESULT_OVERHEAD + 2 * text(result.stepName()) + value(result.output()) + text(result.error());
        }
        return bytes;
    }

    /** A workflow definition as JSON, about: its steps' names, URLs, headers and bodies, with fixed overheads. */
    static long of(Workflow workflow) {
        long bytes = text(workflow.name()) + text(workflow.description()) + text(workflow.id());
        for (Step step : workflow.steps()) {
            bytes += STEP_OVERHEAD + text(step.name()) + switch (step) {
                case DelayStep delay -> 0;
                case WebhookStep webhook -> text(webhook.url()) + value(webhook.headers()) + value(webhook.body());
            };
        }
        return bytes;
    }

    private static long value(Object value) {
        return switch (value) {
            case null -> 4;
            case String text -> text(text);
            case Map<?, ?> map -> {
                long bytes = 2;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    bytes += text(String.valueOf(entry.getKey())) + 2 + value(entry.getValue());
                }
                yield bytes;
            }
            case Collection<?> list -> {
                long bytes = 2;
                for (Object item : list) {
                    bytes += value(item) + 1;
                }
                yield bytes;
            }
            default -> String.valueOf(value).length();
        };
    }

    /** A JSON string: quotes, UTF-8 bytes, escapes for quotes, backslashes and control characters. */
    private static long text(String text) {
        if (text == null) {
            return 4;
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
