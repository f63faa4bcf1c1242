package io.marketbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The simulators play the marketplaces, so their signature and token checks are written from the marketplace docs
 * on their own: a simulator that reused a connector's signer would accept the connector's mistakes. Connectors
 * in turn never lean on the simulators, and each marketplace's connector stands alone.
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
