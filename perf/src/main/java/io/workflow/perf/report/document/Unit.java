package io.workflow.perf.report.document;

import java.util.function.DoubleFunction;

/** What a chart's figures measure, and so how their labels and axis ticks read. */
public enum Unit {
    MS(Format::ms),
    RATE(Format::rate),
    COUNT(v -> Format.count(Math.round(v))),
    SECONDS(Format::seconds),
    CPU(Format::cpu),
    MB(Format::mb),
    TIMES(Format::times),
    MICROS(Format::micros),
    /** Axis ticks without labels, e.g. where the categories name the points. */
    NONE(v -> "");

    private final DoubleFunction<String> format;

    Unit(DoubleFunction<String> format) {
        this.format = format;
    }

    public String format(double value) {
        return format.apply(value);
    }
}
