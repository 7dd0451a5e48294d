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

/** Failed requests by kind and endpoint, with the first few samples of each kind. */
public final class ErrorTally {

    static final int SAMPLES_PER_KIND = 3;
    private static final int SAMPLE_LENGTH = 300;

    private final Map<ErrorKind, LongAdder[]> counts = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, List<String>> samples = new EnumMap<>(ErrorKind.class);
    private final LongAdder total = new LongAdder();

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

    void record(ErrorKind kind, Endpoint endpoint, String sample) {
        counts.get(kind)[endpoint.ordinal()].increment();
        total.increment();
        List<String> kept = samples.get(kind);
        synchronized (kept) {
            if (kept.size() < SAMPLES_PER_KIND) {
                kept.add(sample.length() <= SAMPLE_LENGTH ? sample : sample.substring(0, SAMPLE_LENGTH) + "...");
            }
        }
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
        return new ErrorSummary(failed, sent == 0 ? 0 : 100.0 * failed / sent, kinds);
    }
}
