package io.workflow.adapters.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.SocketWriterException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.idempotency.KeyInUseException;
import io.workflow.domain.idempotency.KeyReusedException;
import io.workflow.domain.auth.ForbiddenException;
import io.workflow.domain.deadletter.RedriveRefusedException;
import io.workflow.domain.run.IllegalTransitionException;
import io.workflow.domain.workflow.ArchivedWorkflowException;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.StoreUnavailableException;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Where failures become HTTP statuses, all as {@code application/problem+json}. Exceptions thrown by
 * handlers go through the routing's error handlers; what Helidon rejects before or beside routing
 * (a body over {@code max-payload-size}, a request it cannot parse) goes through direct handlers.
 */
final class ProblemResponses {
    private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());
    /** How long a client should wait before triggering again after the dispatcher failed. */
    static final String RETRY_AFTER_SECONDS = "5";
    /** How long a client should wait after the database was unavailable: a restart takes a few seconds. */
    static final String STORE_RETRY_AFTER_SECONDS = "2";

    private ProblemResponses() {
    }

    static void send(ServerResponse res, Problem problem) {
        sendBody(res.status(Status.create(problem.status())).header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE),
                Json.bytes(problem));
    }

    /**
     * Sends a response body. A client that goes away while it is written ends the exchange with one
     * line at FINE: the connection is closed at once rather than the failure reaching the error
     * handlers, where a half-sent response would be logged as a server failure.
     */
    static void sendBody(ServerResponse res, byte[] body) {
        try {
            res.send(body);
        } catch (RuntimeException e) {
            if (!clientWentAway(e)) {
                throw e;
            }
            LOG.fine(() -> "a client went away while its answer was sent: " + e);
            throw new CloseConnectionException("the client went away", e);
        }
    }

    /** Registers one error handler per failure a route can end with; the most specific class wins. */
    static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> send(res, e.problem()))
                .error(InvalidInputException.class, (req, res, e) -> send(res, Problem.invalidBody(e)))
                .error(NotFoundException.class, (req, res, e) -> send(res, Problem.of(Status.NOT_FOUND_404, e.getMessage())))
                .error(KeyInUseException.class, (req, res, e) -> send(res, Problem.keyInUse(e.getMessage())))
                .error(KeyReusedException.class, (req, res, e) -> send(res, Problem.keyReused(e.getMessage())))
                .error(ArchivedWorkflowException.class, (req, res, e) -> send(res, Problem.of(Status.CONFLICT_409, e.getMessage())))
                .error(ForbiddenException.class, (req, res, e) -> send(res, Problem.forbidden(e)))
                .error(RedriveRefusedException.class, (req, res, e) -> send(res, Problem.redriveRefused(e)))
                .error(IllegalTransitionException.class, (req, res, e) -> send(res, Problem.of(Status.CONFLICT_409, e.getMessage())))
                .error(DispatchException.class, ProblemResponses::dispatchFailed)
                .error(StoreUnavailableException.class, ProblemResponses::storeUnavailable)
                .error(io.helidon.http.NotFoundException.class, ProblemResponses::noRoute)
                .error(HttpException.class, ProblemResponses::httpException)
                .error(Throwable.class, ProblemResponses::unexpected);
    }

    /** A route for a known path that answers every method it does not serve with 405 and {@code Allow}. */
    static Handler methodNotAllowed(Method... allowed) {
        String allow = Arrays.stream(allowed).map(Method::text).collect(Collectors.joining(", "));
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            send(res, Problem.of(Status.METHOD_NOT_ALLOWED_405, "method " + req.prologue().method().text()
                    + " is not allowed on " + req.prologue().uriPath().path() + "; allowed: " + allow));
        };
    }

    /** Problem responses for what Helidon answers outside the routes, above all 413 for an oversized body. */
    static DirectHandlers directHandlers(long maxPayloadSize) {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        DirectHandler problem = (request, eventType, status, headers, message) -> {
            if (status.code() == Status.NOT_IMPLEMENTED_501.code()) {
                // A transfer coding the server does not implement is the client's choice: a client mistake.
                return direct(Status.BAD_REQUEST_400, headers, "the request uses a transfer coding this server does not"
                        + " implement; send the body with Content-Length or Transfer-Encoding: chunked");
            }
            return direct(status, headers, detail(status, message, maxPayloadSize));
        };
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, problem);
        }
        return handlers.build();
    }

    private static void dispatchFailed(ServerRequest req, ServerResponse res, DispatchException e) {
        LOG.log(Level.WARNING, "a run could not be dispatched", e);
        unavailable(res, RETRY_AFTER_SECONDS, "the run could not be handed to a worker and was not started; try again later");
    }

    /** 503 with {@code Retry-After}: a dependency is away for a moment, the request may be sent again. */
    static void unavailable(ServerResponse res, String retryAfterSeconds, String detail) {
        res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds);
        send(res, Problem.of(Status.SERVICE_UNAVAILABLE_503, detail));
    }

    private static void storeUnavailable(ServerRequest req, ServerResponse res, StoreUnavailableException e) {
        // One line, no stack trace: while PostgreSQL restarts, every request in flight ends here.
        LOG.warning(() -> req.prologue().method().text() + " " + req.prologue().uriPath().path() + ": " + e.getMessage());
        unavailable(res, STORE_RETRY_AFTER_SECONDS, "the database is unavailable for a moment (restarting?); try again in a few seconds");
    }

    private static void noRoute(ServerRequest req, ServerResponse res, io.helidon.http.NotFoundException e) {
        send(res, Problem.of(Status.NOT_FOUND_404, "there is no resource at " + req.prologue().uriPath().path()));
    }

    private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status.code() >= 500) {
            unexpected(req, res, e);
            return;
        }
        send(res, Problem.of(status, e.getMessage() == null || e.getMessage().isBlank()
                ? status.reasonPhrase() : e.getMessage()));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        if (clientWentAway(e)) {
            clientGone(req, res, e);
            return;
        }
        LOG.log(Level.SEVERE, "request " + req.prologue().method().text() + " " + req.prologue().uriPath().path()
                + " failed", e);
        send(res, Problem.of(Status.INTERNAL_SERVER_ERROR_500,
                "the server failed to handle the request; it has been logged"));
    }

    /**
     * A client that closed its connection mid-request or mid-response, or was cut off by a read
     * deadline ({@link ReadDeadlines}), is no server failure: one line at FINE, no stack trace. The
     * answer (which closes the connection) is only attempted; it fails quietly when the socket is gone.
     */
    private static void clientGone(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.fine(() -> "the client of " + req.prologue().method().text() + " " + req.prologue().uriPath().path()
                + " went away before the exchange ended: " + e);
        try {
            res.header(HeaderValues.CONNECTION_CLOSE);
            send(res, Problem.of(Status.BAD_REQUEST_400, "the request could not be read to its end"));
        } catch (RuntimeException ignored) {
            // the connection is closed: nobody is left to answer
        }
    }

    /** Whether {@code e} comes from the connection breaking (closed, reset, cut off) rather than from the server. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataReader.InsufficientDataAvailableException
                    || cause instanceof ServerConnectionException
                    || cause instanceof SocketWriterException
                    || cause instanceof SocketException
                    || cause instanceof ClosedChannelException
                    || cause instanceof EOFException
                    // a broken pipe or a reset on a channel: plain IOExceptions (Jackson's are subclasses)
                    || cause.getClass() == IOException.class) {
                return true;
            }
        }
        return false;
    }

    private static DirectHandler.TransportResponse direct(Status status, ServerResponseHeaders headers, String detail) {
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(Json.bytes(Problem.of(status, detail)))
                .build();
    }

    private static String detail(Status status, String message, long maxPayloadSize) {
        if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return "the request body is larger than the limit of " + maxPayloadSize + " bytes";
        }
        if (status.code() >= 500) {
            return "the server failed to handle the request; it has been logged";
        }
        return message == null || message.isBlank() ? "the request could not be read: " + status.reasonPhrase() : message;
    }
}
