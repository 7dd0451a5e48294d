package io.workflow.bootstrap.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The container and Kubernetes files of the repository, found from the test's working directory and parsed. */
final class DeploymentFiles {

    private DeploymentFiles() {
    }

    /** The repository's root: the test runs in a module directory (bootstrap/) or in the root itself. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("compose.yaml")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no compose.yaml and deploy/ above " + dir);
    }

    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file or stream, as maps (SafeConstructor: merge keys resolved, no custom types). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /**
     * An env file as Kustomize and compose read it: {@code NAME=value} lines; blank and {@code #} lines
     * are not settings. Fails on a name given twice.
     */
    static Map<String, String> envFile(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not NAME=value: " + line);
            }
            if (values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("set twice: " + trimmed.substring(0, eq));
            }
        }
        return values;
    }

    /** The names an env file lists as deliberately left at their default: {@code # default NAME NAME...} lines. */
    static List<String> keptDefaults(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# default ")) {
                names.addAll(List.of(trimmed.substring("# default ".length()).strip().split("\\s+")));
            }
        }
        return names;
    }

    /** kubectl on the PATH, if any: its built-in Kustomize renders the overlays. */
    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kubectl kustomize DIR}: the rendered manifests (bounded: 60 s). */
    static List<Map<String, Object>> kustomize(String relativeDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", root().resolve(relativeDir).toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + relativeDir + " took over 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + relativeDir + " failed (exit " + p.exitValue() + ")");
            }
            return yamlDocuments(Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        return (Map<String, Object>) Objects.requireNonNull(node, what + " is missing");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        return (List<Object>) Objects.requireNonNull(node, what + " is missing");
    }

    /** A path of map keys into a document, null when a step is missing. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = ((Map<String, Object>) m).get(key);
        }
        return current;
    }
}
