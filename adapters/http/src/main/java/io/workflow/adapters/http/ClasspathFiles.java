package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.workflow.domain.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The files of one classpath folder, served to browsers: the dashboard's and the API docs' pages,
 * scripts and styles travel in the jar, so a replica needs no file system and no other server.
 * Only flat names with a known extension are served (no sub-folders, no {@code ..}, no folder
 * listings), each with its content type, an {@code ETag} (a browser's revalidation is answered 304)
 * and the folder's {@code Cache-Control}. A file is read once, on its first request, and kept:
 * the folder's content is fixed for the life of the jar.
 */
final class ClasspathFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.([a-z0-9]+)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    private final String folder;
    private final String cacheControl;
    private final ConcurrentMap<String, File> files = new ConcurrentHashMap<>();

    /**
     * {@code folder} is a classpath path without a trailing slash ({@code /META-INF/dashboard});
     * {@code cacheControl} what browsers are told about keeping its files.
     */
    ClasspathFiles(String folder, String cacheControl) {
        this.folder = folder;
        this.cacheControl = cacheControl;
    }

    /** Answers {@code name} from the folder; false, with nothing sent, when the folder has no such file. */
    boolean send(String name, ServerRequest req, ServerResponse res) {
        Optional<File> file = file(name);
        if (file.isEmpty()) {
            return false;
        }
        File found = file.get();
        res.header(HeaderNames.ETAG, found.etag())
                .header(HeaderNames.CACHE_CONTROL, cacheControl)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        boolean current = req.headers().value(HeaderNames.IF_NONE_MATCH)
                .map(tags -> tags.contains(found.etag()))
                .orElse(false);
        if (current) {
            res.status(Status.NOT_MODIFIED_304).send();
        } else {
            ProblemResponses.sendBody(res.header(HeaderNames.CONTENT_TYPE, found.contentType()), found.body());
        }
        return true;
    }

    /** The file, read on first use; unknown names are not remembered, so junk requests cannot grow the map. */
    Optional<File> file(String name) {
        File known = files.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        var matcher = NAME.matcher(name);
        if (!matcher.matches() || !CONTENT_TYPES.containsKey(matcher.group(1).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        try (InputStream in = ClasspathFiles.class.getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            File file = new File(in.readAllBytes(), CONTENT_TYPES.get(matcher.group(1).toLowerCase(Locale.ROOT)));
            files.putIfAbsent(name, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file's bytes, content type and entity tag (a digest of the bytes). */
    record File(byte[] body, String contentType, String etag) {
        File(byte[] body, String contentType) {
            this(body, contentType, etag(body));
        }

        private static String etag(byte[] body) {
            return "\"" + HexFormat.of().formatHex(Sha256.of(body), 0, 12) + "\"";
        }
    }
}
