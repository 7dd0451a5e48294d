package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Column values between Java and PostgreSQL: timestamps as UTC microseconds (or epoch microseconds), ids as uuid (JSON columns: {@link JsonColumns}). */
final class ColumnValues {
    private static final String UNIQUE_VIOLATION = "23505";

    private ColumnValues() {
    }

    /** An instant as a {@code timestamptz} parameter, cut to the microseconds PostgreSQL keeps. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(DbRow row, String column) {
        Object value = row.column(column).orElse(null);
        return switch (value) {
            case null -> null;
            case Long epochMicros -> epochMicros(epochMicros);
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime offsetDateTime -> offsetDateTime.toInstant();
            default -> throw new IllegalStateException("column " + column + " is not a timestamp: " + value.getClass());
        };
    }

    /** The instant of a timestamp the statements read as epoch microseconds. */
    static Instant epochMicros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    static UUID uuid(DbRow row, String column) {
        Object value = row.column(column).orElse(null);
        return value instanceof UUID uuid ? uuid : UUID.fromString(String.valueOf(value));
    }

    static String text(DbRow row, String column) {
        Object value = row.column(column).orElse(null);
        return value == null ? null : value.toString();
    }

    /** Whether the statement failed because a row with that key already exists. */
    static boolean isUniqueViolation(DbClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
