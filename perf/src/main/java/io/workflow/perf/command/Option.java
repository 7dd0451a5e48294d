package io.workflow.perf.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One command-line option of a subcommand: the names it is written with, the value it takes ({@code null} for a
 * flag), its line in {@code --help}, its default (a value applied before the command line, and shown in the help),
 * and what it sets on the draft {@code T} of the options being read.
 */
record Option<T>(List<String> names, String value, String help, String defaultValue, BiConsumer<T, String> set) {

    Option {
        names = List.copyOf(names);
    }

    static <T> Option<T> flag(String name, String help, Consumer<T> set) {
        return new Option<>(List.of(name), null, help, null, (draft, ignored) -> set.accept(draft));
    }

    static <T> Option<T> value(String name, String value, String help, BiConsumer<T, String> set) {
        return new Option<>(List.of(name), value, help, null, set);
    }

    /** The same option with a default, which the draft gets before the command line is read. */
    Option<T> defaultsTo(String text) {
        return new Option<>(names, value, help, text, set);
    }

    /** The same option, also accepted as {@code name}. */
    Option<T> alias(String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return new Option<>(all, value, help, defaultValue, set);
    }

    String name() {
        return names.getFirst();
    }

    boolean takesValue() {
        return value != null;
    }

    /** {@code --gap D}. */
    String synopsis() {
        return value == null ? name() : name() + " " + value;
    }

    /** The help text, with the other names and the default where there are some. */
    String description() {
        String aliases = names.size() == 1 ? "" : " (also " + String.join(", ", names.subList(1, names.size())) + ")";
        return help + aliases + (defaultValue == null ? "" : " (default " + defaultValue + ")");
    }
}
