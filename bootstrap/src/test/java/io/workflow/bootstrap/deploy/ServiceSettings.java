package io.workflow.bootstrap.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings the service reads, as the environment variables that set them, with their defaults:
 * taken from {@code application.yaml}, the one place every setting is declared with its default
 * (Settings refuses to start without the key), so a setting added there is a setting the deployment
 * files must decide on.
 */
record ServiceSettings(Map<String, String> defaultsByEnvName) {

    static ServiceSettings fromClasspath() {
        try (InputStream in = ServiceSettings.class.getResourceAsStream("/application.yaml")) {
            if (in == null) {
                throw new IllegalStateException("application.yaml is not on the test class path");
            }
            Map<String, Object> tree = new Yaml().load(in);
            Map<String, String> defaults = new LinkedHashMap<>();
            flatten("", tree, defaults);
            return new ServiceSettings(Map.copyOf(defaults));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helidon's name for a key: '.' becomes '_', '-' becomes "_dash_", letters upper case. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "_dash_");
    }

    boolean has(String envName) {
        return defaultsByEnvName.containsKey(envName);
    }

    String defaultOf(String envName) {
        return defaultsByEnvName.get(envName);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> into) {
        tree.forEach((name, value) -> {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            if (value instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, into);
            } else {
                into.put(envName(key), value == null ? "" : String.valueOf(value));
            }
        });
    }
}
