package io.workflow.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the hexagon's boundaries on the production code, and shows that every rule can fail: the
 * same rules, run over the deliberately broken classes under {@code archfixture.broken}, must
 * report violations.
 */
class ArchitectureTest {
    private static final String ROOT = "io.workflow";
    private static final String BROKEN_ROOT = "archfixture.broken";

    private static JavaClasses production;
    private static JavaClasses broken;

    @BeforeAll
    static void importClasses() {
        // The service's modules; the load driver (io.workflow.perf) is on the test classpath but is not part of the hexagon.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT + ".domain", ROOT + ".application", ROOT + ".adapters", ROOT + ".bootstrap");
        broken = new ClassFileImporter().importPackages(BROKEN_ROOT);
    }

    static Stream<Function<String, ArchRule>> rules() {
        return Stream.of(
                ArchitectureRules::domainDependsOnTheJdkOnly,
                ArchitectureRules::applicationDependsOnTheDomainOnly,
                ArchitectureRules::domainAndApplicationKnowNoJsonLibrary,
                ArchitectureRules::adaptersDriveUseCasesThroughTheirPorts,
                ArchitectureRules::adaptersDoNotDependOnEachOther,
                ArchitectureRules::onlyBootstrapDependsOnAdapters,
                ArchitectureRules::noPackageCycles);
    }

    @Test
    void everyModuleIsOnTheClasspath_soNoRuleGuardsAnEmptyPackage() {
        Set<String> packages = new TreeSet<>();
        production.forEach(c -> packages.add(c.getPackageName()));
        assertThat(packages).contains(ROOT + ".domain", ROOT + ".application", ROOT + ".bootstrap",
                ROOT + ".adapters.http", ROOT + ".adapters.steps", ROOT + ".adapters.memory");
    }

    @ParameterizedTest
    @MethodSource("rules")
    void productionCode_keepsTheRule(Function<String, ArchRule> rule) {
        rule.apply(ROOT).check(production);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void brokenFixture_breaksTheRule(Function<String, ArchRule> rule) {
        EvaluationResult result = rule.apply(BROKEN_ROOT).evaluate(broken);
        assertThat(result.hasViolation()).as(rule.apply(BROKEN_ROOT).getDescription()).isTrue();
    }

    static Stream<String> presentAdapters() {
        return ArchitectureRules.ADAPTER_LIBRARIES.keySet().stream()
                .filter(adapter -> production.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + ".adapters." + adapter)))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("presentAdapters")
    void eachAdapter_usesOnlyItsOwnLibraries(String adapter) {
        ArchitectureRules.adapterUsesOnlyItsOwnLibraries(ROOT, adapter).check(production);
    }

    @Test
    void anAdapterReachingForAnotherLibrary_breaksTheLibraryRule() {
        EvaluationResult result = ArchitectureRules.adapterUsesOnlyItsOwnLibraries(BROKEN_ROOT, "memory").evaluate(broken);
        assertThat(result.hasViolation()).isTrue();
    }

    @Test
    void everyAdapterModuleHasLibraryRules() {
        List<String> adapters = production.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT + ".adapters."))
                .map(p -> p.substring((ROOT + ".adapters.").length()).split("\\.")[0])
                .distinct().toList();
        assertThat(ArchitectureRules.ADAPTER_LIBRARIES.keySet()).containsAll(adapters);
    }
}
