package io.marketbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The simulators play the marketplaces, so their signature and token checks are written from the marketplace docs
 * on their own: a simulator that reused a connector's signer would accept the connector's mistakes. Connectors
 * in turn never lean on the simulators, and each marketplace's connector stands alone. A marketplace is a plug-in:
 * nothing outside its own package names its classes (the runtime finds it through ServiceLoader), so adding one
 * touches no shared file.
 */
class ArchitectureTest {

    static final String SIMULATOR = "io.marketbridge.simulator..";
    static final String MARKETPLACE = "io.marketbridge.marketplace..";

    static final ArchRule SIMULATORS_WITHOUT_CONNECTORS = noClasses().that().resideInAPackage(SIMULATOR)
            .should().dependOnClassesThat().resideInAPackage(MARKETPLACE)
            .because("a simulator checks requests from the marketplace docs, not with the connector's own code");
    static final ArchRule CONNECTORS_WITHOUT_SIMULATORS = noClasses().that().resideInAPackage(MARKETPLACE)
            .should().dependOnClassesThat().resideInAPackage(SIMULATOR)
            .because("the runtime talks to marketplaces over HTTP only");

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.marketbridge");
    static final JavaClasses TESTS = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.marketbridge");
    static final JavaClasses TESTS_AND_MAIN = new ClassFileImporter().importPackages("io.marketbridge");

    @Test
    void simulatorsDoNotUseConnectorCode() {
        SIMULATORS_WITHOUT_CONNECTORS.check(MAIN);
    }

    @Test
    void connectorsDoNotUseSimulatorCode() {
        CONNECTORS_WITHOUT_SIMULATORS.check(MAIN);
    }

    @Test
    void eachMarketplacesConnectorStandsAlone() {
        slices().matching("io.marketbridge.marketplace.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    /**
     * No class outside io.marketbridge.marketplace.&lt;x&gt; names a class of that marketplace's package: the
     * runtime reaches it through the MarketplaceConnector SPI only. Test code may use them (the rule reads main code).
     */
    @Test
    void nothingOutsideAMarketplacePackageDependsOnIt() {
        List<String> marketplaces = marketplacePackages(MAIN);
        assertThat(marketplaces).contains("coupang", "naver", "elevenst", "esm");
        for (String name : marketplaces) {
            onlyItsOwnPackageUses(name).check(MAIN);
        }
    }

    /** The rule above sees such a dependency: the connectors' route tests (outside main code) do use their classes. */
    @Test
    void theMarketplaceRuleCatchesADependencyWhereOneExists() {
        assertThatThrownBy(() -> onlyItsOwnPackageUses("coupang").check(TESTS_AND_MAIN))
                .hasMessageContaining("io.marketbridge.marketplace.coupang");
    }

    static ArchRule onlyItsOwnPackageUses(String marketplace) {
        String own = "io.marketbridge.marketplace." + marketplace + "..";
        return noClasses().that().resideOutsideOfPackage(own)
                .should().dependOnClassesThat().resideInAPackage(own)
                .because("the " + marketplace + " marketplace is a plug-in: the runtime finds its connector through"
                        + " ServiceLoader, and its beans, replay mapper and courier column through that connector");
    }

    /** The concrete marketplace packages: io.marketbridge.marketplace.&lt;x&gt;. */
    static List<String> marketplacePackages(JavaClasses classes) {
        Set<String> names = new TreeSet<>();
        String prefix = "io.marketbridge.marketplace.";
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith(prefix)) {
                names.add(pkg.substring(prefix.length()).split("\\.")[0]);
            }
        });
        return List.copyOf(names);
    }

    /** The simulator tests sign and mint with their own helpers, so they cannot share a connector's mistake either. */
    @Test
    void simulatorTestsDoNotUseConnectorCode() {
        SIMULATORS_WITHOUT_CONNECTORS.check(TESTS);
    }

    /** The rules see real dependencies: the connectors' route tests do drive the simulators (test code, allowed). */
    @Test
    void theRulesCatchADependencyWhereOneExists() {
        assertThatThrownBy(() -> CONNECTORS_WITHOUT_SIMULATORS.check(TESTS))
                .hasMessageContaining("NaverRouteTest").hasMessageContaining("io.marketbridge.simulator");
    }
}
