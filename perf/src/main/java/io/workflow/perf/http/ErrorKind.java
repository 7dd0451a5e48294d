package io.workflow.perf.http;

/** Why a request did not produce a successful answer; the classes the reports count. */
public enum ErrorKind {
    CONNECTION_REFUSED("connection refused"),
    CONNECT_TIMEOUT("connect timeout"),
    REQUEST_TIMEOUT("request timeout"),
    SERVER_DISCONNECTED("server disconnected"),
    HTTP_4XX("HTTP 4xx"),
    HTTP_5XX("HTTP 5xx"),
    /** A malformed HTTP answer, a 1xx/3xx final status, or a 2xx without the id the flow needs. */
    UNEXPECTED_RESPONSE("unexpected response"),
    /** Any other local I/O failure, e.g. running out of file descriptors. */
    CLIENT_IO("client I/O error");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ErrorKind ofStatus(int status) {
        if (status >= 500) {
            return HTTP_5XX;
        }
        if (status >= 400) {
            return HTTP_4XX;
        }
        return UNEXPECTED_RESPONSE;
    }
}
