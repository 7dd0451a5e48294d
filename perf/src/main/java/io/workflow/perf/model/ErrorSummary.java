package io.workflow.perf.model;

import java.util.List;

/** Failed requests of a phase; {@code ratePercent} is failed over sent. */
public record ErrorSummary(long total, double ratePercent, List<ErrorKindCount> kinds) {
}
