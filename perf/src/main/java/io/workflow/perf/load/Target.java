package io.workflow.perf.load;

import io.workflow.perf.http.HttpConnection;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A named HTTP base URL under load, its address resolved once; {@code apiKey}, when not null, goes
 * with every request as {@code Authorization: Bearer}.
 */
public record Target(String name, URI baseUri, boolean stub, InetSocketAddress address, String basePath, String apiKey) {

    public static Target of(String name, String url, boolean stub) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("target " + name + ": only http://host[:port][/base] URLs are supported, got " + url);
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Target(name, uri, stub, new InetSocketAddress(uri.getHost(), port), basePath, null);
    }

    /** This target, each request sending {@code key} (null: none). */
    public Target withApiKey(String key) {
        return new Target(name, baseUri, stub, address, basePath, key);
    }

    /** A connection to this target (not opened yet) whose requests carry its key. */
    public HttpConnection connect(long connectTimeoutNanos) {
        return new HttpConnection(address, connectTimeoutNanos, apiKey);
    }

    /** The request target for a path like {@code /api/v1/runs}, under the base path. */
    public String resolve(String path) {
        return basePath.isEmpty() ? path : basePath + path;
    }

    public String url() {
        return baseUri.toString();
    }
}
