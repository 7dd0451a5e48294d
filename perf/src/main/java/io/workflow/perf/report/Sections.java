package io.workflow.perf.report;

import java.util.List;

/** The report's numbered sections, the seed's eleven, shared by the Markdown and HTML reports. */
final class Sections {

    static final List<String> TITLES = List.of(
            "1. Test Overview",
            "2. Test Configuration",
            "3. Overall Performance Summary",
            "4. Latency Analysis",
            "5. Throughput Analysis",
            "6. Error Analysis",
            "7. Per-Endpoint Deep Dive",
            "8. Percentile Distribution",
            "9. Comparative Verdict",
            "10. Scaling — Concurrent Users Sweep",
            "11. Test Reproducibility");

    private Sections() {
    }

    static String title(int number) {
        return TITLES.get(number - 1);
    }

    /** The anchor GitHub derives from a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String title) {
        StringBuilder anchor = new StringBuilder();
        for (char c : title.toLowerCase().toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-') {
                anchor.append(c);
            } else if (c == ' ') {
                anchor.append('-');
            }
        }
        return anchor.toString();
    }
}
