package io.workflow.perf.command;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The options of a subcommand as a table, from which both the parsing of its command line and its {@code --help}
 * come. Parsing throws IllegalArgumentException with the message the user sees.
 */
record OptionTable<T>(List<Option<T>> options) {

    private static final int SYNOPSIS_WIDTH = 28;
    private static final int LINE_WIDTH = 120;

    OptionTable {
        options = List.copyOf(options);
    }

    /**
     * Applies every default to {@code draft}, then the command line in order; an argument that is not an option goes
     * to {@code operand}.
     */
    T parse(List<String> args, T draft, BiConsumer<T, String> operand) {
        for (Option<T> option : options) {
            if (option.defaultValue() != null) {
                option.set().accept(draft, option.defaultValue());
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Optional<Option<T>> option = find(arg);
            if (option.isEmpty()) {
                if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option: " + arg);
                }
                operand.accept(draft, arg);
            } else if (!option.get().takesValue()) {
                option.get().set().accept(draft, null);
            } else if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                option.get().set().accept(draft, args.get(++i));
            }
        }
        return draft;
    }

    /** An operand handler for commands that take none. */
    static <T> BiConsumer<T, String> noOperands() {
        return (draft, arg) -> {
            throw new IllegalArgumentException("unknown option: " + arg);
        };
    }

    private Optional<Option<T>> find(String name) {
        return options.stream().filter(o -> o.names().contains(name)).findFirst();
    }

    /** One entry per option, the description wrapped beside its synopsis. */
    String help() {
        StringBuilder out = new StringBuilder();
        for (Option<T> option : options) {
            String synopsis = "  " + option.synopsis();
            out.append(synopsis);
            int column = synopsis.length();
            if (column + 2 > SYNOPSIS_WIDTH) {
                out.append("  ");
                column += 2;
            } else {
                out.append(" ".repeat(SYNOPSIS_WIDTH - column));
                column = SYNOPSIS_WIDTH;
            }
            boolean first = true;
            for (String word : option.description().split(" ")) {
                if (!first && column + 1 + word.length() > LINE_WIDTH) {
                    out.append('\n').append(" ".repeat(SYNOPSIS_WIDTH));
                    column = SYNOPSIS_WIDTH;
                    first = true;
                }
                out.append(first ? "" : " ").append(word);
                column += (first ? 0 : 1) + word.length();
                first = false;
            }
            out.append('\n');
        }
        return out.toString();
    }
}
