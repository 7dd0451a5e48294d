package io.workflow.perf.load;

import java.util.ArrayList;
import java.util.List;

/** A named group of processes to sample (with their descendants), from {@code name=pid[,pid...]}. */
public record ProcessSpec(String name, List<Long> pids) {

    public ProcessSpec {
        pids = List.copyOf(pids);
    }

    public static ProcessSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("--sample-process wants name=pid[,pid...], got " + text);
        }
        List<Long> pids = new ArrayList<>();
        for (String pid : text.substring(equals + 1).split(",")) {
            try {
                pids.add(Long.parseLong(pid.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sample-process " + text + ": not a pid: " + pid);
            }
        }
        return new ProcessSpec(text.substring(0, equals), pids);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append('=');
        for (int i = 0; i < pids.size(); i++) {
            text.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return text.toString();
    }
}
