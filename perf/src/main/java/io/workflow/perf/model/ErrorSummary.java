package io.workflow.perf.model;

import java.util.List;

/**
 * Failed requests of a phase; {@code ratePercent} is failed over sent. {@code failures} lists the first
 * of them one by one (at most a thousand; {@code total} counts them all).
 */
public record ErrorSummary(long total, double ratePercent, List<ErrorKindCount> kinds, List<FailedRequest> failures) {
}
