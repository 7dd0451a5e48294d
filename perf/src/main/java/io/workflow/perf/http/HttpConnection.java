package io.workflow.perf.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection with blocking I/O, meant to be owned by one (virtual) thread.
 * It connects lazily, reconnects after the server closes, and turns every way a request can fail
 * into an {@link ErrorKind}: where the failure happened (connect, write, read) decides the class.
 */
public final class HttpConnection implements AutoCloseable {

    /** A reused connection idle this long may have been closed by the server's keep-alive timeout. */
    private static final long STALE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress address;
    /** The header lines every request carries, encoded once. */
    private final byte[] commonHeaders;
    private final long connectTimeoutNanos;
    private final ResponseReader reader = new ResponseReader(this::readWithDeadline);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long deadlineNanos;
    private long lastResponseNanos;
    private int connects;

    public HttpConnection(InetSocketAddress address, long connectTimeoutNanos) {
        this(address, connectTimeoutNanos, null);
    }

    /** A connection whose every request carries {@code Authorization: Bearer apiKey} (null: no such header). */
    public HttpConnection(InetSocketAddress address, long connectTimeoutNanos, String apiKey) {
        this.address = address;
        this.commonHeaders = ("Host: " + address.getHostString() + ":" + address.getPort() + "\r\n"
                + "User-Agent: workflow-perf\r\nAccept: application/json\r\n"
                + (apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n")).getBytes(StandardCharsets.ISO_8859_1);
        this.connectTimeoutNanos = connectTimeoutNanos;
    }

    /** How many TCP connections this object has opened so far. */
    public int connects() {
        return connects;
    }

    public boolean isOpen() {
        return socket != null;
    }

    /**
     * Sends one request and reads its response before {@code deadlineNanos} ({@link System#nanoTime()} scale).
     * Any HTTP status is returned; only transport failures throw.
     */
    public Response exchange(String method, String target, byte[] jsonBody, long deadlineNanos) throws RequestFailure {
        this.deadlineNanos = deadlineNanos;
        byte[] request = encode(method, target, jsonBody);
        boolean mayRetry = socket != null && System.nanoTime() - lastResponseNanos >= STALE_AFTER_NANOS;
        try {
            return attempt(method, request);
        } catch (RequestFailure failure) {
            boolean staleSocket = mayRetry && failure.kind() == ErrorKind.SERVER_DISCONNECTED && !reader.receivedAny();
            if (!staleSocket) {
                throw failure;
            }
            return attempt(method, request);
        }
    }

    private Response attempt(String method, byte[] request) throws RequestFailure {
        reader.beginResponse();
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            close();
            throw new RequestFailure(ErrorKind.SERVER_DISCONNECTED, "write failed: " + describe(e));
        }
        try {
            Response response = reader.read(method.equals("HEAD"));
            lastResponseNanos = System.nanoTime();
            if (!response.keepAlive()) {
                close();
            }
            return response;
        } catch (SocketTimeoutException e) {
            close();
            throw new RequestFailure(ErrorKind.REQUEST_TIMEOUT, "no complete response before the deadline");
        } catch (MalformedResponseException e) {
            close();
            throw new RequestFailure(ErrorKind.UNEXPECTED_RESPONSE, e.getMessage());
        } catch (EOFException | SocketException e) {
            close();
            throw new RequestFailure(ErrorKind.SERVER_DISCONNECTED, describe(e));
        } catch (IOException e) {
            close();
            throw new RequestFailure(ErrorKind.CLIENT_IO, describe(e));
        }
    }

    private void connect() throws RequestFailure {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new RequestFailure(ErrorKind.REQUEST_TIMEOUT, "deadline passed before connecting");
        }
        int timeoutMillis = toMillis(Math.min(remaining, connectTimeoutNanos));
        Socket candidate = new Socket();
        try {
            candidate.setTcpNoDelay(true);
            candidate.connect(address, timeoutMillis);
            connects++;
        } catch (SocketTimeoutException e) {
            closeQuietly(candidate);
            throw new RequestFailure(ErrorKind.CONNECT_TIMEOUT, "connect timed out after " + timeoutMillis + " ms");
        } catch (ConnectException e) {
            closeQuietly(candidate);
            if (e.getMessage() != null && e.getMessage().toLowerCase().contains("timed out")) {
                throw new RequestFailure(ErrorKind.CONNECT_TIMEOUT, describe(e));
            }
            throw new RequestFailure(ErrorKind.CONNECTION_REFUSED, describe(e));
        } catch (IOException e) {
            closeQuietly(candidate);
            throw new RequestFailure(ErrorKind.CLIENT_IO, "connect failed: " + describe(e));
        }
        try {
            socket = candidate;
            in = candidate.getInputStream();
            out = candidate.getOutputStream();
        } catch (IOException e) {
            close();
            throw new RequestFailure(ErrorKind.CLIENT_IO, "socket streams unavailable: " + describe(e));
        }
        reader.reset();
    }

    /** Every blocking read waits at most until the request's deadline, so the timeout covers the whole response. */
    private int readWithDeadline(byte[] buffer, int offset, int length) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout(toMillis(remaining));
        return in.read(buffer, offset, length);
    }

    private byte[] encode(String method, String target, byte[] jsonBody) {
        String line = method + ' ' + target + " HTTP/1.1\r\n";
        String length = jsonBody == null ? "\r\n"
                : "Content-Type: application/json\r\nContent-Length: " + jsonBody.length + "\r\n\r\n";
        int bodyLength = jsonBody == null ? 0 : jsonBody.length;
        byte[] request = new byte[line.length() + commonHeaders.length + length.length() + bodyLength];
        int at = ascii(line, request, 0);
        System.arraycopy(commonHeaders, 0, request, at, commonHeaders.length);
        at = ascii(length, request, at + commonHeaders.length);
        if (jsonBody != null) {
            System.arraycopy(jsonBody, 0, request, at, bodyLength);
        }
        return request;
    }

    /** Request lines and header values here are ASCII: a path with other characters must already be percent-encoded. */
    private static int ascii(String text, byte[] into, int at) {
        for (int i = 0; i < text.length(); i++) {
            into[at + i] = (byte) text.charAt(i);
        }
        return at + text.length();
    }

    private static int toMillis(long nanos) {
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void closeQuietly(Socket candidate) {
        try {
            candidate.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
            in = null;
            out = null;
        }
    }
}
