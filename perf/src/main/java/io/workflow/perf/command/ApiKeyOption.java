package io.workflow.perf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API key the driver sends ({@code Authorization: Bearer}) to a service that requires one:
 * {@code --api-key-file PATH} (such as the stack's bootstrap key, {@code .stack/admin.key}), else the
 * environment's {@code WORKFLOW_API_KEY}, else the file named by {@code WORKFLOW_API_KEY_FILE}; none
 * when neither is given (a service with {@code AUTH=off}, the stub).
 */
final class ApiKeyOption {
    static final String NAME = "--api-key-file";
    static final String HELP = "send the API key in this file as 'Authorization: Bearer' (env: WORKFLOW_API_KEY, "
            + "WORKFLOW_API_KEY_FILE; default none)";

    private ApiKeyOption() {
    }

    /** The key, or null for none. */
    static String read(Path file, Map<String, String> env) {
        if (file == null) {
            String key = env.get("WORKFLOW_API_KEY");
            if (key != null && !key.isBlank()) {
                return key.trim();
            }
            String named = env.get("WORKFLOW_API_KEY_FILE");
            if (named == null || named.isBlank()) {
                return null;
            }
            file = Path.of(named.trim());
        }
        try {
            String key = Files.readString(file).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(NAME + ": " + file + " is empty");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException(NAME + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
