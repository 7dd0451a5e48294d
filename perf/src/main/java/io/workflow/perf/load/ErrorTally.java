package io.workflow.perf.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.workflow.perf.http.ErrorKind;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.ErrorSummary;
import io.workflow.perf.model.FailedRequest;

/**
 * Failed requests by kind and endpoint, with the first few samples of each kind, and the first
 * {@value #FAILURES_KEPT} failed requests one by one with the wall-clock times they were sent and answered
 * (what a fault run needs to tell a request in flight at a fault from one sent after it).
 */
public final class ErrorTally {

    static final int SAMPLES_PER_KIND = 3;
    static final int FAILURES_KEPT = 1_000;
    private static final int SAMPLE_LENGTH = 300;
    private static final int DETAIL_LENGTH = 160;

    private final Map<ErrorKind, LongAdder[]> counts = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, List<String>> samples = new EnumMap<>(ErrorKind.class);
    private final LongAdder total = new LongAdder();
    private final List<FailedRequest> failures = new ArrayList<>();

    public ErrorTally() {
        for (ErrorKind kind : ErrorKind.values()) {
            LongAdder[] byEndpoint = new LongAdder[Endpoint.values().length];
            for (int i = 0; i < byEndpoint.length; i++) {
                byEndpoint[i] = new LongAdder();
            }
            counts.put(kind, byEndpoint);
            samples.put(kind, new ArrayList<>(SAMPLES_PER_KIND));
        }
    }

    /** One failed request, answered now after {@code micros}. */
    void record(ErrorKind kind, Endpoint endpoint, String sample, long micros) {
        counts.get(kind)[endpoint.ordinal()].increment();
        total.increment();
        long answeredAt = System.currentTimeMillis();
        synchronized (failures) {
            if (failures.size() < FAILURES_KEPT) {
                failures.add(new FailedRequest(answeredAt - micros / 1_000, answeredAt, kind.name(), endpoint.label(),
                        clip(sample, DETAIL_LENGTH)));
            }
        }
        List<String> kept = samples.get(kind);
        synchronized (kept) {
            if (kept.size() < SAMPLES_PER_KIND) {
                kept.add(clip(sample, SAMPLE_LENGTH));
            }
        }
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "...";
    }

    long total() {
        return total.sum();
    }

    ErrorSummary summary(long sent) {
        List<ErrorKindCount> kinds = new ArrayList<>();
        for (ErrorKind kind : ErrorKind.values()) {
            Map<String, Long> byEndpoint = new LinkedHashMap<>();
            long count = 0;
            for (Endpoint endpoint : Endpoint.values()) {
                long n = counts.get(kind)[endpoint.ordinal()].sum();
                if (n > 0) {
                    byEndpoint.put(endpoint.label(), n);
                    count += n;
                }
            }
            if (count > 0) {
                List<String> kept = samples.get(kind);
                synchronized (kept) {
                    kinds.add(new ErrorKindCount(kind.name(), kind.label(), count, byEndpoint, List.copyOf(kept)));
                }
            }
        }
        long failed = total.sum();
        List<FailedRequest> first;
        synchronized (failures) {
            first = List.copyOf(failures);
        }
        return new ErrorSummary(failed, sent == 0 ? 0 : 100.0 * failed / sent, kinds, first);
    }
}
