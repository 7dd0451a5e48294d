package io.workflow.perf.report.writer;

/** Escaping text for HTML and SVG, which the HTML report writes as well-formed XML. */
final class Markup {

    private Markup() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' '); // control characters are not allowed in XML
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
