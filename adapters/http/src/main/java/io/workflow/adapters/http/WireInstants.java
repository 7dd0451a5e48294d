package io.workflow.adapters.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants on the wire: exactly {@link Instant#toString()}'s ISO-8601 text in UTC
 * ({@code 2026-11-30T09:49:03.435846Z}: seconds always, the fraction in groups of three digits as
 * long as it needs, none when it is zero), written without {@code DateTimeFormatter}. A listed run
 * carries seven instants and a page fifty runs; the formatter's print context per instant was a
 * fifth of what the listing spent. Years 0000 to 9999 are written here, any other by {@code toString}.
 */
final class WireInstants {
    private static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long END_SECOND = 253_402_300_800L; // 10000-01-01T00:00:00Z
    private static final long SECONDS_PER_DAY = 86_400;

    private WireInstants() {
    }

    /** The instant's text, or {@code null} for none. */
    static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nano = instant.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int end = 19;
        if (fractionDigits > 0) {
            text[end++] = '.';
            int fraction = fractionDigits == 3 ? nano / 1_000_000 : fractionDigits == 6 ? nano / 1_000 : nano;
            digits(text, end, fraction, fractionDigits);
            end += fractionDigits;
        }
        text[end] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code offset}. */
    private static void digits(byte[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
