package io.workflow.bootstrap.telemetry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A readable line for a person at a terminal (the embedded mode): time, level, logger, message, and
 * {@code run_id=…}, {@code workflow_id=…}, {@code request_id=…} when the line is about one, so that
 * {@code grep run_id=<id>} finds a run's lines in this format too.
 */
public final class TextLogFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        LogContext.Fields context = LogContext.current();
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(formatMessage(record));
        if (context.runId() != null) {
            line.append(" run_id=").append(context.runId());
        }
        if (context.workflowId() != null) {
            line.append(" workflow_id=").append(context.workflowId());
        }
        if (context.requestId() != null) {
            line.append(" request_id=").append(context.requestId());
        }
        line.append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
