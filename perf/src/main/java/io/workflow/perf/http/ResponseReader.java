package io.workflow.perf.http;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses HTTP/1.x responses from a byte source: status line, headers, and a body delimited by
 * Content-Length, chunked transfer coding, or the end of the connection.
 */
final class ResponseReader {

    /** Where the bytes come from; the connection applies the request deadline on every read. */
    @FunctionalInterface
    interface Source {
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final Source source;
    private byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private boolean receivedAny;
    private int lineLengthWithTerminator;

    ResponseReader(Source source) {
        this.source = source;
    }

    /** Forgets buffered bytes, e.g. after reconnecting. */
    void reset() {
        position = 0;
        limit = 0;
    }

    /** Whether any byte of the current response arrived; a reused connection that dies before that may be retried. */
    boolean receivedAny() {
        return receivedAny;
    }

    /** Marks the start of a new exchange: nothing of its response has arrived yet. */
    void beginResponse() {
        receivedAny = false;
    }

    Response read(boolean headRequest) throws IOException {
        while (true) {
            String statusLine = readLine();
            int status = parseStatus(statusLine);
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            Headers headers = readHeaders();
            if (status >= 100 && status < 200 && status != 101) {
                continue; // interim response, the final one follows
            }
            boolean keepAlive = http10 ? headers.keepAlive : !headers.close;
            if (headRequest || status == 204 || status == 304 || status == 101) {
                return new Response(status, new byte[0], keepAlive);
            }
            if (headers.chunked) {
                return new Response(status, readChunked(), keepAlive);
            }
            if (headers.contentLength >= 0) {
                return new Response(status, readFixed(headers.contentLength), keepAlive);
            }
            return new Response(status, readToEnd(), false);
        }
    }

    private record Headers(long contentLength, boolean chunked, boolean close, boolean keepAlive) {
    }

    private static int parseStatus(String line) throws MalformedResponseException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new MalformedResponseException("bad status line: " + abbreviate(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponseException("bad status code: " + abbreviate(line));
            }
            status = status * 10 + (c - '0');
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            throw new MalformedResponseException("bad status line: " + abbreviate(line));
        }
        return status;
    }

    private Headers readHeaders() throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        boolean keepAlive = false;
        for (int count = 0; ; count++) {
            if (count > MAX_HEADERS) {
                throw new MalformedResponseException("more than " + MAX_HEADERS + " header lines");
            }
            int length = nextLine();
            int start = position - lineLengthWithTerminator;
            if (length == 0) {
                return new Headers(contentLength, chunked, close, keepAlive);
            }
            int colon = indexOf(start, start + length, (byte) ':');
            if (colon <= start) {
                throw new MalformedResponseException("bad header line: " + abbreviate(text(start, length)));
            }
            // only three headers matter here; the others are skipped without making strings of them
            if (nameIs(start, colon, "content-length")) {
                String value = text(colon + 1, start + length - colon - 1).trim();
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException("bad Content-Length: " + abbreviate(value));
                }
                if (contentLength < 0 || contentLength > MAX_BODY) {
                    throw new MalformedResponseException("unacceptable Content-Length: " + contentLength);
                }
            } else if (nameIs(start, colon, "transfer-encoding")) {
                chunked = text(colon + 1, start + length - colon - 1).toLowerCase().contains("chunked");
            } else if (nameIs(start, colon, "connection")) {
                String value = text(colon + 1, start + length - colon - 1).toLowerCase();
                close |= value.contains("close");
                keepAlive |= value.contains("keep-alive");
            }
        }
    }

    private boolean nameIs(int start, int end, String lowerCaseName) {
        while (end > start && buffer[end - 1] == ' ') {
            end--;
        }
        if (end - start != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            int b = buffer[start + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private String text(int start, int length) {
        return new String(buffer, start, length, StandardCharsets.ISO_8859_1);
    }

    private byte[] readFixed(long length) throws IOException {
        byte[] body = new byte[(int) length];
        int filled = 0;
        while (filled < length) {
            if (position == limit) {
                fill("closed mid-response after " + filled + " of " + length + " body bytes");
            }
            int n = Math.min(limit - position, body.length - filled);
            System.arraycopy(buffer, position, body, filled, n);
            position += n;
            filled += n;
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        byte[] body = new byte[0];
        int size = 0;
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int chunk;
            try {
                chunk = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (chunk < 0 || size + (long) chunk > MAX_BODY) {
                throw new MalformedResponseException("unacceptable chunk size: " + abbreviate(sizeLine));
            }
            if (chunk == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields are not used
                }
                return size == body.length ? body : Arrays.copyOf(body, size);
            }
            if (body.length < size + chunk) {
                body = Arrays.copyOf(body, Math.max(size + chunk, body.length * 2));
            }
            byte[] data = readFixed(chunk);
            System.arraycopy(data, 0, body, size, chunk);
            size += chunk;
            if (!readLine().isEmpty()) {
                throw new MalformedResponseException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readToEnd() throws IOException {
        byte[] body = new byte[1024];
        int size = 0;
        while (true) {
            if (position == limit && !tryFill()) {
                return Arrays.copyOf(body, size);
            }
            int n = limit - position;
            if (size + (long) n > MAX_BODY) {
                throw new MalformedResponseException("body larger than " + MAX_BODY + " bytes");
            }
            if (body.length < size + n) {
                body = Arrays.copyOf(body, Math.max(size + n, body.length * 2));
            }
            System.arraycopy(buffer, position, body, size, n);
            size += n;
            position = limit;
        }
    }

    /** Reads one line ending in LF (CR before it dropped), as ISO-8859-1 text. */
    private String readLine() throws IOException {
        int length = nextLine();
        return text(position - lineLengthWithTerminator, length);
    }

    /**
     * Advances past the next line and returns its length without the line terminator; the line stays in the
     * buffer, ending {@link #lineLengthWithTerminator} bytes before {@link #position}, until the next read.
     */
    private int nextLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int start = position;
                    int end = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    lineLengthWithTerminator = position - start;
                    return end - start;
                }
            }
            if (limit - position >= MAX_LINE) {
                throw new MalformedResponseException("line longer than " + MAX_LINE + " bytes");
            }
            scanned = limit - position;
            fill(receivedAny ? "closed mid-response" : "closed before responding");
            scanned += position;
        }
    }

    private void fill(String eofMessage) throws IOException {
        if (!tryFill()) {
            throw new EOFException(eofMessage);
        }
    }

    /** Appends at least one byte to the buffer, compacting or growing it first; false at end of stream. */
    private boolean tryFill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = source.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        receivedAny |= n > 0;
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
