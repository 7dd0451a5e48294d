package io.workflow.perf.load;

/** The seven requests of the seed's flow, in the order each simulated user sends them. */
public enum Endpoint {
    HEALTH("GET", "/health", "static"),
    ROOT("GET", "/", "static"),
    CREATE_WORKFLOW("POST", "/api/v1/workflows", "db write"),
    GET_WORKFLOW("GET", "/api/v1/workflows/{id}", "db read, cached"),
    TRIGGER("POST", "/api/v1/trigger", "db write + kafka"),
    GET_RUN("GET", "/api/v1/runs/{id}", "db read, cached"),
    LIST_RUNS("GET", "/api/v1/runs?limit=50", "db read, paginated");

    public static final int PER_USER = values().length;

    private final String method;
    private final String path;
    private final String category;

    Endpoint(String method, String path, String category) {
        this.method = method;
        this.path = path;
        this.category = category;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String category() {
        return category;
    }

    /** E.g. {@code GET /api/v1/runs/{id}}. */
    public String label() {
        return method + " " + path;
    }
}
