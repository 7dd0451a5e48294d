package io.workflow.adapters.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.util.UUID;

/** Ids in paths. A path id that is no UUID names no resource, so it is a 404 like an unknown one. */
final class PathIds {
    private PathIds() {
    }

    static UUID uuid(ServerRequest req, String parameter, String what) {
        String text = req.path().pathParameters().get(parameter);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Status.NOT_FOUND_404, "'" + text + "' is not a valid " + what + " id"));
        }
    }
}
