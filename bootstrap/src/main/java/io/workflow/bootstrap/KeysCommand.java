package io.workflow.bootstrap;

import io.workflow.adapters.postgres.PostgresStore;
import io.workflow.application.CreateApiKey;
import io.workflow.application.service.ApiKeyService;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Scope;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code java -jar workflow-automation.jar keys ...}: API keys from the command line, straight in
 * the stack's database (the same configuration as the service: {@code POSTGRES_*}), so the first
 * admin key exists before anyone can call {@code POST /api/v1/keys}.
 * <pre>
 * keys create --tenant acme --scopes admin[,runs:read,...] [--name text] [--key-file path]
 * keys list
 * keys revoke &lt;id&gt;
 * </pre>
 * {@code --key-file} writes the key to a new file readable by its owner only (mode 0600) instead of
 * printing it.
 */
final class KeysCommand {
    static final String USAGE = """
            usage: keys create --tenant TENANT --scopes SCOPE[,SCOPE...] [--name NAME] [--key-file PATH]
                   keys list
                   keys revoke ID""";

    private KeysCommand() {
    }

    /** Runs {@code args} (after "keys"); returns the process's exit status. */
    static int run(Settings settings, String[] args, PrintStream out) {
        if (settings.mode() != Mode.STACK) {
            throw new IllegalArgumentException("keys: needs MODE=stack; the embedded mode keeps keys only in its own memory");
        }
        if (args.length == 0) {
            throw new IllegalArgumentException(USAGE);
        }
        try (PostgresStore store = PostgresStore.open(settings.postgres())) {
            ApiKeyService keys = new ApiKeyService(store.apiKeys(), Clock.systemUTC());
            switch (args[0]) {
                case "create" -> create(keys, options(Arrays.copyOfRange(args, 1, args.length)), out);
                case "list" -> keys.list().forEach(key -> out.println(describe(key)));
                case "revoke" -> {
                    if (args.length != 2) {
                        throw new IllegalArgumentException(USAGE);
                    }
                    out.println(describe(keys.revoke(UUID.fromString(args[1]))));
                }
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        return 0;
    }

    private static void create(ApiKeyService keys, Map<String, String> options, PrintStream out) {
        String tenant = required(options, "--tenant");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : required(options, "--scopes").split(",")) {
            scopes.add(Scope.parse(name.trim(), "--scopes"));
        }
        Path keyFile = options.containsKey("--key-file") ? Path.of(options.get("--key-file")) : null;
        if (keyFile != null && Files.exists(keyFile)) {
            throw new IllegalArgumentException("keys: " + keyFile + " exists already; it is never overwritten");
        }
        CreateApiKey.Issued issued = keys.create(new CreateApiKey.Command(tenant, scopes, options.get("--name")));
        out.println(describe(issued.key()));
        if (keyFile == null) {
            out.println(issued.secret());
            return;
        }
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, issued.secret() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("keys: the key " + issued.key().id() + " was created but could not be written to "
                    + keyFile + " (revoke it): " + e, e);
        }
        out.println("key written to " + keyFile);
    }

    private static String describe(ApiKey key) {
        return key.id() + " tenant=" + key.tenant() + " scopes="
                + key.scopes().stream().sorted().map(Scope::text).collect(Collectors.joining(","))
                + " name=\"" + key.name() + "\" created_at=" + key.createdAt()
                + (key.isRevoked() ? " revoked_at=" + key.revokedAt() : "");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("keys: '" + args[i] + "' needs a value\n" + USAGE);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("keys: " + name + " is required\n" + USAGE);
        }
        return value;
    }
}
