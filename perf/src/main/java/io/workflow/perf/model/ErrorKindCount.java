package io.workflow.perf.model;

import java.util.List;
import java.util.Map;

/** How often one kind of error happened, on which endpoints, with a few samples of what came back. */
public record ErrorKindCount(String kind, String label, long count, Map<String, Long> byEndpoint, List<String> samples) {
}
