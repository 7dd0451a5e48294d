package io.workflow.domain.workflow;

/** One step of a workflow. The set of step types is closed: a new type is a change to the domain. */
public sealed interface Step permits DelayStep, WebhookStep {

    /** The step's name, unique within its workflow; step results and placeholders refer to it. */
    String name();
}
