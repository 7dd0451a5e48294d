package io.workflow.bootstrap.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the hexagon, as rules over a root package. The rules take the root as a
 * parameter so the same rules can be shown to fail on deliberately broken fixture code.
 */
final class ArchitectureRules {
    /** What each adapter may use besides the JDK, the domain and the application: its own libraries. */
    static final Map<String, List<String>> ADAPTER_LIBRARIES = Map.of(
            "http", List.of("io.helidon..", "com.fasterxml.jackson.."),
            "steps", List.of("com.fasterxml.jackson.."),
            "memory", List.of(),
            "postgres", List.of("io.helidon..", "com.zaxxer.hikari..", "org.postgresql..", "org.flywaydb..", "com.fasterxml.jackson.."),
            "kafka", List.of("org.apache.kafka..", "com.fasterxml.jackson.."),
            "redis", List.of("redis.clients..", "org.apache.commons.pool2..", "com.fasterxml.jackson.."));

    private ArchitectureRules() {
    }

    static ArchRule domainDependsOnTheJdkOnly(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..", "javax.crypto..")
                .as("the domain depends on the JDK only");
    }

    static ArchRule applicationDependsOnTheDomainOnly(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".application..", root + ".domain..", "java..")
                .as("the application depends on the domain (and the JDK) only");
    }

    /** JSON is a format, and formats belong to the adapters that speak them. */
    static ArchRule domainAndApplicationKnowNoJsonLibrary(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.fasterxml.jackson..", "jakarta.json..", "javax.json..", "org.json..", "com.google.gson..")
                .as("the domain and the application know no JSON library");
    }

    static ArchRule adaptersDriveUseCasesThroughTheirPorts(String root) {
        return noClasses().that().resideInAPackage(root + ".adapters..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application.service..")
                .as("adapters drive use cases through their interfaces (input ports), never an implementation");
    }

    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapters.(*)..").should().notDependOnEachOther()
                .as("no adapter depends on another adapter");
    }

    static ArchRule onlyBootstrapDependsOnAdapters(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapters..", root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapters..")
                .as("nothing but bootstrap depends on adapters");
    }

    static ArchRule adapterUsesOnlyItsOwnLibraries(String root, String adapter) {
        String[] allowed = Stream.concat(
                        Stream.of(root + ".adapters." + adapter + "..", root + ".application..", root + ".domain..", "java..", "javax.."),
                        ADAPTER_LIBRARIES.get(adapter).stream())
                .toArray(String[]::new);
        return classes().that().resideInAPackage(root + ".adapters." + adapter + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("the " + adapter + " adapter uses the domain, the application and its own libraries only");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no package cycles");
    }
}
