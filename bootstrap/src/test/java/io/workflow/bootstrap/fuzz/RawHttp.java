package io.workflow.bootstrap.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so that a request can be anything at all on the wire (a lying
 * Content-Length, an odd method, bytes that are not text). Keeps one connection alive between
 * requests, like a real client; a request that breaks framing gets a connection of its own. Not
 * thread-safe: one per sending thread.
 */
public final class RawHttp implements AutoCloseable {
    /** How long one answer may take before it counts as a time-out. */
    public static final int READ_TIMEOUT_MS = 15_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What came back: the status (after any 1xx), the body, whether the server closes the connection. */
    public record Answer(int status, byte[] body, boolean closes) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Why no answer came: the connection was dropped, or nothing came in time. */
    public static final class NoAnswer extends IOException {
        public NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends the request's bytes and reads one answer. A kept-alive connection the server had already
     * closed is replaced once, as any client does; every other failure is a {@link NoAnswer}.
     */
    public Answer exchange(FuzzRequest request) throws NoAnswer {
        boolean reused = socket != null && !request.ownConnection();
        if (request.ownConnection()) {
            close();
        }
        try {
            return attempt(request);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw new NoAnswer(describe(e), e);
            }
        }
        try {
            return attempt(request);
        } catch (IOException e) {
            close();
            throw new NoAnswer(describe(e), e);
        }
    }

    private Answer attempt(FuzzRequest request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
        }
        OutputStream out = socket.getOutputStream();
        IOException unsent = null;
        try {
            out.write(request.wire());
            out.flush();
        } catch (IOException e) {
            // A server may answer (400, 413) and close before it has read all of a bad request:
            // the answer is then waiting to be read.
            unsent = e;
        }
        Answer answer;
        try {
            answer = read(request.method().equals("HEAD"));
        } catch (IOException e) {
            if (unsent != null) {
                e.addSuppressed(unsent);
            }
            throw e;
        }
        if (answer.closes() || request.ownConnection() || unsent != null) {
            close();
        }
        return answer;
    }

    private Answer read(boolean head) throws IOException {
        while (true) {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            boolean closes = parts[0].equals("HTTP/1.0");
            int headerBytes = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                headerBytes += header.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("answer headers too long");
                }
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> closes = value.contains("close");
                    default -> {
                    }
                }
            }
            if (status / 100 == 1) {
                continue;
            }
            if (head || status == 204 || status == 304) {
                return new Answer(status, new byte[0], closes);
            }
            if (chunked) {
                return new Answer(status, chunkedBody(), closes);
            }
            if (length >= 0) {
                return new Answer(status, in.readNBytes(checkedLength(length)), closes);
            }
            return new Answer(status, in.readAllBytes(), true);
        }
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(checkedLength(chunk)));
            line();
        }
    }

    private static int checkedLength(long length) throws IOException {
        if (length > 64L * 1024 * 1024) {
            throw new IOException("answer body of " + length + " bytes");
        }
        return (int) length;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed" + (line.size() == 0 ? "" : " mid-line"));
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("answer line too long");
            }
            line.write(b);
        }
    }

    private static String describe(IOException e) {
        return (e instanceof SocketTimeoutException ? "timed out: " : "dropped: ") + e;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
            in = null;
        }
    }
}
