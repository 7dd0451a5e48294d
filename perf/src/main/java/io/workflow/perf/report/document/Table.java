package io.workflow.perf.report.document;

import java.util.ArrayList;
import java.util.List;

/** A table: a header row of named, aligned columns and rows of text cells, figures already formatted. */
public record Table(List<Column> columns, List<List<String>> rows) implements Block {

    public enum Align { LEFT, RIGHT }

    public record Column(String name, Align align) {
    }

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, header " + columns.size());
            }
        }
    }

    public static Builder builder(List<String> header) {
        return new Builder(header);
    }

    public static Builder builder(String... header) {
        return builder(List.of(header));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /** Collects rows; the first column reads left-aligned, any other column right-aligned when all its cells are figures. */
    public static final class Builder {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> header) {
            this.header = List.copyOf(header);
        }

        public Builder row(List<String> cells) {
            rows.add(List.copyOf(cells));
            return this;
        }

        public Builder row(String... cells) {
            return row(List.of(cells));
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public Table build() {
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                columns.add(new Column(header.get(c), c > 0 && figures(c) ? Align.RIGHT : Align.LEFT));
            }
            return new Table(columns, rows);
        }

        private boolean figures(int c) {
            return !rows.isEmpty() && rows.stream().map(row -> row.get(c)).allMatch(Builder::figure);
        }

        private static boolean figure(String cell) {
            if (cell.equals("—") || cell.equals("n/a")) {
                return true;
            }
            String digits = cell.startsWith("+") || cell.startsWith("-") ? cell.substring(1) : cell;
            return !digits.isEmpty() && Character.isDigit(digits.charAt(0));
        }
    }
}
