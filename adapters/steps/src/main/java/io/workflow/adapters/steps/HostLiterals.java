package io.workflow.adapters.steps;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host as written in a URL as an address, without a lookup, the way the C library's
 * {@code inet_aton} does for IPv4: one to four parts separated by dots, each decimal, octal (a
 * leading {@code 0}) or hexadecimal ({@code 0x}), the last filling every byte left. So
 * {@code 2130706433}, {@code 0x7f.1}, {@code 017700000001} and {@code 127.1} all read as
 * {@code 127.0.0.1}, as a system resolver would read them. IPv6 literals may be bracketed.
 */
final class HostLiterals {
    private HostLiterals() {
    }

    /** The address the host text stands for, or empty when it is a name (or not a host at all). */
    static Optional<InetAddress> address(String host) {
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.contains(":")) {
            // Text of hex digits, colons and dots only is read as an IPv6 literal, never looked up.
            if (!text.matches("[0-9A-Fa-f:.]+")) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }
        return ipv4(text.toLowerCase(Locale.ROOT));
    }

    private static Optional<InetAddress> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (4 - (parts.length - 1)))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** One part's value, or null when it is no number (so the host is a name). */
    private static Long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return radix == 16 ? 0L : null; // "0x" alone is zero to inet_aton; an empty part is no number
        }
        if (digits.length() > 12) {
            return null;
        }
        try {
            long value = Long.parseLong(digits, radix);
            return value < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
