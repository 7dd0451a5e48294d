package io.workflow.bootstrap.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.workflow.bootstrap.deploy.DeploymentFiles.at;
import static io.workflow.bootstrap.deploy.DeploymentFiles.list;
import static io.workflow.bootstrap.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of Kubernetes documents (the base as written, or an overlay as Kustomize renders it) and
 * the checks that hold for any of them: workloads wired to Secrets and ConfigMaps that exist, with
 * keys the service reads, probes on the service's endpoints and port, selectors that select,
 * autoscalers and budgets that point at real Deployments, termination longer than the drain.
 */
record KubernetesManifests(String name, List<Map<String, Object>> documents) {

    static final String READY_PATH = "/observe/health/ready";
    static final String LIVE_PATH = "/health";

    @Override
    public String toString() {
        return name;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String metadataName) {
        return ofKind(kind).stream().filter(d -> metadataName.equals(at(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no " + kind + " named " + metadataName));
    }

    static String nameOf(Map<String, Object> document) {
        return String.valueOf(at(document, "metadata", "name"));
    }

    /** Data keys of a Secret (data and stringData) or a ConfigMap. */
    static Set<String> keysOf(Map<String, Object> document) {
        Map<String, Object> keys = new HashMap<>();
        for (String field : List.of("data", "stringData")) {
            if (document.get(field) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> keys.put(String.valueOf(k), v));
            }
        }
        return keys.keySet();
    }

    /** The Deployments and the Job: every pod template this deploys. */
    List<Map<String, Object>> workloads() {
        List<Map<String, Object>> all = new ArrayList<>(ofKind("Deployment"));
        all.addAll(ofKind("Job"));
        return all;
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(at(workload, "spec", "template", "spec", "containers"), nameOf(workload) + " containers").stream()
                .map(c -> map(c, "container")).toList();
    }

    /** A container's environment: its env values by name, then each envFrom ConfigMap's data, as the kubelet merges them. */
    Map<String, String> environment(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        Object envFrom = container.get("envFrom");
        if (envFrom != null) {
            for (Object source : list(envFrom, "envFrom")) {
                Object configMap = at(source, "configMapRef", "name");
                assertThat(configMap).as(name + ": envFrom is a configMapRef").isNotNull();
                map(named("ConfigMap", String.valueOf(configMap)).get("data"), "ConfigMap data")
                        .forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        Object entries = container.get("env");
        if (entries != null) {
            for (Object entry : list(entries, "env")) {
                Object value = at(entry, "value");
                env.put(String.valueOf(at(entry, "name")), value == null ? "<from " + at(entry, "valueFrom") + ">" : String.valueOf(value));
            }
        }
        return env;
    }

    /** Every secretKeyRef names a Secret of these documents holding that key. */
    void secretReferencesResolve() {
        for (Map<String, Object> workload : workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                Object entries = container.get("env");
                for (Object entry : entries == null ? List.of() : list(entries, "env")) {
                    Object ref = at(entry, "valueFrom", "secretKeyRef");
                    if (ref == null) {
                        continue;
                    }
                    Map<String, Object> secret = named("Secret", String.valueOf(at(ref, "name")));
                    assertThat(keysOf(secret)).as(name + ": " + nameOf(workload) + " reads key " + at(ref, "key") + " of Secret " + at(ref, "name"))
                            .contains(String.valueOf(at(ref, "key")));
                }
            }
        }
    }

    /** Every selector of a Deployment, Service and PodDisruptionBudget selects the pods of a Deployment. */
    void selectorsSelect() {
        List<Map<String, Object>> podLabels = ofKind("Deployment").stream()
                .map(d -> map(at(d, "spec", "template", "metadata", "labels"), nameOf(d) + " pod labels")).toList();
        for (Map<String, Object> deployment : ofKind("Deployment")) {
            Map<String, Object> selector = map(at(deployment, "spec", "selector", "matchLabels"), nameOf(deployment) + " selector");
            assertThat(map(at(deployment, "spec", "template", "metadata", "labels"), "pod labels"))
                    .as(name + ": " + nameOf(deployment) + " selects its own pods").containsAllEntriesOf(selector);
        }
        for (Map<String, Object> pdb : ofKind("PodDisruptionBudget")) {
            Map<String, Object> selector = map(at(pdb, "spec", "selector", "matchLabels"), nameOf(pdb) + " selector");
            assertThat(podLabels).as(name + ": PDB " + nameOf(pdb) + " selects a Deployment's pods")
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
        }
        for (Map<String, Object> service : ofKind("Service")) {
            Map<String, Object> selector = map(at(service, "spec", "selector"), nameOf(service) + " selector");
            assertThat(podLabels).as(name + ": Service " + nameOf(service) + " selects a Deployment's pods")
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
        }
    }

    /** The HPA scales an existing Deployment on CPU; a KEDA ScaledObject, when present, targets one too. */
    void autoscalersTargetDeployments() {
        assertThat(ofKind("HorizontalPodAutoscaler")).as(name + ": an HPA").isNotEmpty();
        for (Map<String, Object> hpa : ofKind("HorizontalPodAutoscaler")) {
            named("Deployment", String.valueOf(at(hpa, "spec", "scaleTargetRef", "name")));
            assertThat(list(at(hpa, "spec", "metrics"), "metrics")).as(name + ": HPA on CPU")
                    .anySatisfy(m -> assertThat(at(m, "resource", "name")).isEqualTo("cpu"));
            assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2)
                    .isLessThanOrEqualTo((Integer) at(hpa, "spec", "maxReplicas"));
        }
        for (Map<String, Object> scaled : ofKind("ScaledObject")) {
            named("Deployment", String.valueOf(at(scaled, "spec", "scaleTargetRef", "name")));
        }
    }
}
