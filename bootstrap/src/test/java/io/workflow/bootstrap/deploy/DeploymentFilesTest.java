package io.workflow.bootstrap.deploy;

import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.workflow.bootstrap.deploy.DeploymentFiles.at;
import static io.workflow.bootstrap.deploy.DeploymentFiles.list;
import static io.workflow.bootstrap.deploy.DeploymentFiles.map;
import static io.workflow.bootstrap.deploy.KubernetesManifests.LIVE_PATH;
import static io.workflow.bootstrap.deploy.KubernetesManifests.READY_PATH;
import static io.workflow.bootstrap.deploy.KubernetesManifests.containers;
import static io.workflow.bootstrap.deploy.KubernetesManifests.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile, compose.yaml and the Kubernetes manifests under deploy/k8s, checked without a
 * container engine or a cluster: they parse, every setting the service reads (application.yaml) is
 * decided once in deploy/k8s/base/settings.env or per process, nothing points at 127.0.0.1 or
 * localhost, ports and health checks agree with the service, Secrets and ConfigMaps referenced exist
 * with their keys, and shutdown waits longer than the service's drain. The overlays are rendered
 * with {@code kubectl kustomize} when kubectl is installed.
 */
class DeploymentFilesTest {

    private static final String SETTINGS_ENV = "deploy/k8s/base/settings.env";
    /** Set in each workload itself (what it is and where it listens), not shared. */
    private static final Set<String> PER_PROCESS = Set.of("ROLE", "SERVER_PORT");
    /** Never in a ConfigMap or the repository's env file: from the Secret (Kubernetes) or the environment (compose). */
    private static final Set<String> SECRETS = Set.of("POSTGRES_PASSWORD", "CURSOR_SECRET");
    private static final Pattern LOCAL_HOST = Pattern.compile("127\\.0\\.0\\.1|localhost|::1", Pattern.CASE_INSENSITIVE);

    private final ServiceSettings settings = ServiceSettings.fromClasspath();
    private final String settingsText = DeploymentFiles.read(SETTINGS_ENV);
    private final Map<String, String> shared = DeploymentFiles.envFile(settingsText);

    @Test
    void everyEnvironmentName_isOneHelidonMapsBackToItsKey() {
        Map<String, String> env = new LinkedHashMap<>();
        settings.defaultsByEnvName().keySet().forEach(name -> env.put(name, "x"));
        Map<String, String> expanded = EnvironmentVariables.expand(env);
        assertThat(settings.defaultsByEnvName()).containsKeys("SERVER_PORT", "POSTGRES_HOST", "KAFKA_BOOTSTRAP_SERVERS",
                "REDIS_HOST", "SERVER_MAX_dash_PAYLOAD_dash_SIZE");
        assertThat(expanded).containsKeys("server.port", "postgres.direct.host", "server.max-payload-size", "shutdown.drain.delay.ms");
    }

    @Test
    void settingsEnv_decidesEverySettingOnce_andNamesNoUnknownOne() {
        List<String> kept = DeploymentFiles.keptDefaults(settingsText);
        List<String> decided = new ArrayList<>(shared.keySet());
        decided.addAll(kept);
        decided.addAll(PER_PROCESS);
        decided.addAll(SECRETS);
        assertThat(decided).as("settings set, kept at their default, per process or secret in " + SETTINGS_ENV)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(settings.defaultsByEnvName().keySet());
        assertThat(shared.keySet()).as("neither per-process settings nor secrets in the shared file")
                .doesNotContainAnyElementsOf(PER_PROCESS).doesNotContainAnyElementsOf(SECRETS);
    }

    @Test
    void noSettingLeftPointingAtTheLocalHost() {
        settings.defaultsByEnvName().forEach((name, value) -> {
            if (LOCAL_HOST.matcher(value).find()) {
                assertThat(shared).as(name + " defaults to a local address (" + value + "): the deployment must set it")
                        .containsKey(name);
            }
        });
        shared.forEach((name, value) -> assertThat(value).as(name).doesNotContainPattern(LOCAL_HOST));
        assertThat(shared).containsEntry("MODE", "stack").containsKey("POSTGRES_DIRECT_HOST");
    }

    @Test
    void composeFile_hasTheSeedTopology_eachServiceConfiguredAndChecked() {
        Map<String, Object> compose = DeploymentFiles.yamlDocuments(DeploymentFiles.read("compose.yaml")).getFirst();
        Map<String, Object> services = map(compose.get("services"), "services");
        assertThat(services).containsKeys("postgres", "pgbouncer", "redis", "kafka", "migrate",
                "api-1", "api-2", "api-3", "worker-1", "worker-2", "worker-3", "nginx");
        Map<String, String> roles = new HashMap<>();
        services.forEach((name, node) -> {
            Map<String, Object> service = map(node, name);
            if (service.containsKey("build")) {
                roles.put(name, checkComposeServiceProcess(name, service));
            }
            if (service.get("environment") instanceof Map<?, ?> env) {
                env.values().forEach(v -> assertThat(String.valueOf(v)).as(name + " environment").doesNotContainPattern(LOCAL_HOST));
            }
        });
        assertThat(roles).containsEntry("migrate", "migrate").containsEntry("api-1", "api").containsEntry("api-3", "api")
                .containsEntry("worker-1", "worker").containsEntry("worker-3", "worker");
        Map<String, Object> kafkaEnv = map(at(services, "kafka", "environment"), "kafka environment");
        assertThat(String.valueOf(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")))
                .as("Kafka advertises the address the services are given").endsWith("://" + shared.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(String.valueOf(at(services, "pgbouncer", "environment", "LISTEN_PORT"))).isEqualTo(shared.get("POSTGRES_PORT"));
        assertThat(String.valueOf(kafkaEnv.get("KAFKA_NUM_PARTITIONS"))).isEqualTo(shared.get("KAFKA_TRIGGER_PARTITIONS"));
        assertThat(services.keySet()).contains(shared.get("POSTGRES_HOST"), shared.get("POSTGRES_DIRECT_HOST"), shared.get("REDIS_HOST"),
                shared.get("KAFKA_BOOTSTRAP_SERVERS").split(":")[0]);
    }

    /** Checks one service run from the image; answers its ROLE. */
    private String checkComposeServiceProcess(String name, Map<String, Object> service) {
        assertThat(service.get("env_file")).as(name + " env_file").isEqualTo(SETTINGS_ENV);
        Map<String, Object> env = map(service.get("environment"), name + " environment");
        assertThat(env).as(name).containsKeys(SECRETS.toArray(String[]::new));
        String role = String.valueOf(env.get("ROLE"));
        assertThat(env.keySet()).as(name + ": only settings the service reads").allSatisfy(k -> assertThat(settings.has(k)).as(k).isTrue());
        if (!role.equals("migrate")) {
            String port = String.valueOf(env.get("SERVER_PORT"));
            assertThat(port).isEqualTo(dockerfileExposedPort());
            List<Object> test = list(at(service, "healthcheck", "test"), name + " healthcheck");
            assertThat(test).as(name + " health check").contains(role.equals("api") ? READY_PATH : LIVE_PATH);
            assertThat(durationSeconds(String.valueOf(service.get("stop_grace_period")))).as(name + " stop_grace_period")
                    .isGreaterThan(drainAndGraceSeconds());
            if (role.equals("api")) {
                assertThat(DeploymentFiles.read("deploy/compose/nginx.conf")).as("nginx balances over " + name)
                        .contains("server " + name + ":" + port + " ");
            }
        }
        return role;
    }

    @Test
    void dockerfile_buildsWithTheWrapper_runsAsNonRootFromTheAotCache_withAHealthCheck() throws Exception {
        String dockerfile = DeploymentFiles.read("Dockerfile");
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).as("stages").isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).contains("./mvnw ").contains("-XX:AOTCacheOutput").contains("AOT_CACHE=");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("USER").isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").doesNotStartWith("root");
        Matcher health = Pattern.compile("(?m)^HEALTHCHECK .*\\n?.*CMD \\[(.*)]").matcher(dockerfile);
        assertThat(health.find()).as("HEALTHCHECK").isTrue();
        assertThat(health.group(1)).contains(LIVE_PATH);
        assertThat(dockerfile).contains("SERVER_PORT=" + dockerfileExposedPort());
        assertThat(dockerfile).as("MODE and ROLE come from the environment, not baked in").doesNotContainPattern("(?m)^ENV (MODE|ROLE)=");
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(?:--\\S+ )*(.+) \\S+$").matcher(dockerfile);
        while (copy.find()) {
            for (String source : copy.group(1).split(" ")) {
                assertThat(Files.exists(DeploymentFiles.root().resolve(source))).as("COPY source " + source + " exists").isTrue();
            }
        }
        assertThat(DeploymentFiles.read(".dockerignore")).as("no local stack state in the build context").contains(".stack", "target");
        for (String script : List.of("deploy/docker/entrypoint.sh", "deploy/docker/http.sh", "deploy/docker/train-aot.sh")) {
            assertThat(Files.isExecutable(DeploymentFiles.root().resolve(script))).as(script + " executable").isTrue();
            assertThat(dockerfile).contains(script.substring(script.lastIndexOf('/') + 1));
        }
    }

    static Stream<KubernetesManifests> manifests() throws Exception {
        List<KubernetesManifests> all = new ArrayList<>();
        all.add(baseAsWritten());
        if (DeploymentFiles.kubectlAvailable()) {
            for (String dir : List.of("deploy/k8s/base", "deploy/k8s/overlays/dev", "deploy/k8s/overlays/production")) {
                all.add(new KubernetesManifests(dir + " (rendered)", DeploymentFiles.kustomize(dir)));
            }
        }
        return all.stream();
    }

    /** The base's files, with the ConfigMap its generator makes from settings.env. */
    private static KubernetesManifests baseAsWritten() {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String file : List.of("secret.yaml", "api.yaml", "worker.yaml", "migrate-job.yaml")) {
            documents.addAll(DeploymentFiles.yamlDocuments(DeploymentFiles.read("deploy/k8s/base/" + file)));
        }
        documents.addAll(DeploymentFiles.yamlDocuments(DeploymentFiles.read("deploy/k8s/components/keda/scaledobject.yaml")));
        Map<String, Object> data = new LinkedHashMap<>(DeploymentFiles.envFile(DeploymentFiles.read(SETTINGS_ENV)));
        documents.add(Map.of("kind", "ConfigMap", "metadata", Map.of("name", "workflow-settings"), "data", data));
        return new KubernetesManifests("deploy/k8s/base (as written)", documents);
    }

    @Test
    void overlaysRender_whenKubectlIsInstalled() throws Exception {
        Assumptions.assumeTrue(DeploymentFiles.kubectlAvailable(), "kubectl is not installed");
        assertThat(manifests()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void workloads_readOnlySettingsTheServiceKnows_fromSecretsAndConfigMapsThatExist(KubernetesManifests k8s) {
        k8s.secretReferencesResolve();
        Set<String> roles = new HashSet<>();
        for (Map<String, Object> workload : k8s.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                Map<String, String> env = k8s.environment(container);
                assertThat(env.keySet()).as(k8s + ": " + nameOf(workload) + " sets only settings the service reads")
                        .allSatisfy(name -> assertThat(settings.has(name)).as(name).isTrue());
                assertThat(env).as(k8s + ": " + nameOf(workload)).containsKeys("ROLE", "MODE", "POSTGRES_PASSWORD", "CURSOR_SECRET");
                env.forEach((name, value) -> assertThat(value).as(k8s + ": " + name).doesNotContainPattern(LOCAL_HOST));
                String role = env.get("ROLE");
                roles.add(role);
                assertThat(role).as(k8s + ": only the Job migrates").isEqualTo("Job".equals(workload.get("kind")) ? "migrate" : role);
                if ("Deployment".equals(workload.get("kind"))) {
                    assertThat(role).isIn("api", "worker");
                }
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("api", "worker", "migrate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void deployments_probeTheServicesEndpoints_onItsPort_andOutwaitItsDrain(KubernetesManifests k8s) {
        for (Map<String, Object> deployment : k8s.ofKind("Deployment")) {
            Number grace = (Number) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
            assertThat(grace).as(k8s + ": " + nameOf(deployment) + " terminationGracePeriodSeconds").isNotNull();
            assertThat(grace.doubleValue()).as(k8s + ": " + nameOf(deployment) + " outwaits drain + grace")
                    .isGreaterThan(drainAndGraceSeconds());
            for (Map<String, Object> container : containers(deployment)) {
                Map<String, String> env = k8s.environment(container);
                Map<String, Object> port = map(list(container.get("ports"), "ports").getFirst(), "port");
                assertThat(String.valueOf(port.get("containerPort"))).as(k8s + ": containerPort is SERVER_PORT").isEqualTo(env.get("SERVER_PORT"));
                assertProbe(k8s, container, "readinessProbe", READY_PATH, port);
                assertProbe(k8s, container, "livenessProbe", LIVE_PATH, port);
                for (String kind : List.of("requests", "limits")) {
                    assertThat(map(at(container, "resources", kind), kind)).as(k8s + ": " + nameOf(deployment) + " " + kind)
                            .containsKeys("cpu", "memory");
                }
            }
        }
        k8s.selectorsSelect();
        k8s.autoscalersTargetDeployments();
        assertThat(k8s.ofKind("PodDisruptionBudget")).as(k8s + ": a PDB per Deployment").hasSameSizeAs(k8s.ofKind("Deployment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void kedaScalesWorkers_toNoMoreThanTheTriggerTopicsPartitions(KubernetesManifests k8s) {
        for (Map<String, Object> scaled : k8s.ofKind("ScaledObject")) {
            Map<String, Object> worker = k8s.named("Deployment", String.valueOf(at(scaled, "spec", "scaleTargetRef", "name")));
            Map<String, String> env = k8s.environment(containers(worker).getFirst());
            assertThat(String.valueOf(at(scaled, "spec", "maxReplicaCount"))).as(k8s + ": maxReplicaCount = KAFKA_TRIGGER_PARTITIONS")
                    .isEqualTo(env.get("KAFKA_TRIGGER_PARTITIONS"));
            Map<String, Object> trigger = map(list(at(scaled, "spec", "triggers"), "triggers").getFirst(), "trigger");
            assertThat(trigger.get("type")).isEqualTo("kafka");
            assertThat(at(trigger, "metadata", "consumerGroup")).isEqualTo(env.get("KAFKA_CONSUMER_GROUP"));
            assertThat(at(trigger, "metadata", "bootstrapServers")).isEqualTo(env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(at(trigger, "metadata", "topic")).isEqualTo(io.workflow.adapters.kafka.KafkaSettings.TRIGGER_TOPIC);
        }
    }

    private static void assertProbe(KubernetesManifests k8s, Map<String, Object> container, String probe, String path,
                                    Map<String, Object> port) {
        Object get = at(container, probe, "httpGet");
        assertThat(get).as(k8s + ": " + container.get("name") + " " + probe).isNotNull();
        assertThat(at(get, "path")).as(k8s + ": " + probe + " path").isEqualTo(path);
        assertThat(String.valueOf(at(get, "port"))).as(k8s + ": " + probe + " port")
                .isIn(String.valueOf(port.get("name")), String.valueOf(port.get("containerPort")));
    }

    private double drainAndGraceSeconds() {
        String drain = shared.getOrDefault("SHUTDOWN_DRAIN_DELAY_MS", settings.defaultOf("SHUTDOWN_DRAIN_DELAY_MS"));
        String grace = shared.getOrDefault("SHUTDOWN_GRACE_SECONDS", settings.defaultOf("SHUTDOWN_GRACE_SECONDS"));
        return Long.parseLong(drain) / 1000.0 + Long.parseLong(grace);
    }

    private static String dockerfileExposedPort() {
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(DeploymentFiles.read("Dockerfile"));
        assertThat(expose.find()).as("EXPOSE").isTrue();
        return expose.group(1);
    }

    private static double durationSeconds(String compose) {
        Matcher m = Pattern.compile("(\\d+)(s|m)").matcher(compose);
        assertThat(m.matches()).as("a duration like 30s: " + compose).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("m") ? 60 : 1);
    }
}
