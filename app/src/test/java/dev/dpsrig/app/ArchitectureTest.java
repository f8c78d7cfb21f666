package dev.dpsrig.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.dpsrig.app.archfixture.ReachesForBouncyCastle;
import dev.dpsrig.app.archfixture.ReachesIntoCertsInternal;
import dev.dpsrig.app.archfixture.UsesJSerialCommOutsideSerial;
import dev.dpsrig.app.archfixture.UsesJnaOutsidePty;
import dev.dpsrig.app.archfixture.UsesPi4jOutsideGpio;
import dev.dpsrig.app.archfixture.UsesPicocliOutsideCli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureTest {
    static final List<String> MODULE_ROOTS = List.of(
            "dev.dpsrig.certs", "dev.dpsrig.protocol", "dev.dpsrig.emulator", "dev.dpsrig.simulator", "dev.dpsrig.hil",
            "dev.dpsrig.features", "dev.dpsrig.app");

    static final ArchRule BOUNCY_CASTLE_ONLY_IN_CERTS_INTERNAL = noClasses()
            .that().resideOutsideOfPackage("dev.dpsrig.certs.internal..")
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
            .as("only dev.dpsrig.certs.internal uses BouncyCastle");

    static final ArchRule PICOCLI_ONLY_IN_CLI_PACKAGES = noClasses()
            .that().resideOutsideOfPackage("..cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .as("only cli packages use picocli");

    static final ArchRule SIMULATOR_AND_HIL_RIG_INDEPENDENT = CompositeArchRule
            .of(neverDependsOn("dev.dpsrig.simulator", "dev.dpsrig.hil"))
            .and(neverDependsOn("dev.dpsrig.hil", "dev.dpsrig.simulator"))
            .as("simulator and hil-rig never depend on each other");

    /**
     * The emulator works against Azure as well as the simulator, so it never needs the server; the
     * server is driven by any client, so it never needs the emulator.
     */
    static final ArchRule EMULATOR_AND_SIMULATOR_INDEPENDENT = CompositeArchRule
            .of(neverDependsOn("dev.dpsrig.emulator", "dev.dpsrig.simulator"))
            .and(neverDependsOn("dev.dpsrig.simulator", "dev.dpsrig.emulator"))
            .as("emulator and simulator never depend on each other");

    /** The wire contract is what both sides share: it leans on no side, only on the certificates module. */
    static final ArchRule PROTOCOL_DEPENDS_ON_NOTHING_BUT_CERTS = noClasses()
            .that().resideInAPackage("dev.dpsrig.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dpsrig.emulator..", "dev.dpsrig.simulator..", "dev.dpsrig.hil..", "dev.dpsrig.features..", "dev.dpsrig.app..")
            .as("protocol depends on no dpsrig module but certs");

    /**
     * The virtual board runs where no hardware is attached (CI, a laptop): it and the console it speaks
     * through need neither GPIO nor serial libraries, and know nothing of the simulator.
     */
    static final ArchRule VIRTUAL_BOARD_IS_PLAIN_JAVA = noClasses()
            .that().resideInAnyPackage("dev.dpsrig.hil.virtual..", "dev.dpsrig.hil.console..")
            .should().dependOnClassesThat().resideInAnyPackage("com.pi4j..", "com.fazecast..", "dev.dpsrig.simulator..")
            .as("the virtual board and the line console use no GPIO or serial library and no simulator class");

    static final ArchRule CERTS_DEPENDS_ON_NO_OTHER_MODULE = noClasses()
            .that().resideInAPackage("dev.dpsrig.certs..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dpsrig.simulator..", "dev.dpsrig.hil..", "dev.dpsrig.features..")
            .as("certs depends on no other dpsrig module");

    /**
     * The wire contract and the simulator's domain know nothing of HTTP servers: Helidon's server
     * lives in the adapter package, so the domain can be driven in-process by tests and steps.
     */
    static final ArchRule DOMAIN_FREE_OF_HELIDON = noClasses()
            .that().resideInAnyPackage("dev.dpsrig.protocol..", "dev.dpsrig.simulator.dps..", "dev.dpsrig.simulator.store..",
                    "dev.dpsrig.simulator.hub..", "dev.dpsrig.simulator.fault..", "dev.dpsrig.simulator.quota..")
            .should().dependOnClassesThat().resideInAPackage("io.helidon..")
            .as("the wire contract and the simulator's domain do not use Helidon");

    /**
     * The DPS domain speaks no JSON and knows neither the web server nor how it is stored: the routes,
     * the in-process API and the store package turn JSON and documents into its values and back.
     */
    static final ArchRule DPS_DOMAIN_SPEAKS_NO_JSON = domainSpeaksNoJson("dev.dpsrig.simulator.dps");

    /**
     * The hub domain is held to the same: the admin routes show its messages through the protocol's
     * views, and the store package writes its message log and cloud-to-device queues.
     */
    static final ArchRule HUB_DOMAIN_SPEAKS_NO_JSON = domainSpeaksNoJson("dev.dpsrig.simulator.hub");

    static ArchRule domainSpeaksNoJson(String domainPackage) {
        return noClasses()
                .that().resideInAPackage(domainPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.json..", "io.helidon..", "dev.dpsrig.simulator.store..")
                .as(domainPackage + " uses no jakarta.json, io.helidon or dev.dpsrig.simulator.store type");
    }

    /**
     * The DPS domain knows neither fault plans nor quotas: the front doors enact them, and tell the
     * domain how a register call is to end only as its own {@code OutcomeOverride}.
     */
    static final ArchRule DPS_DOMAIN_KNOWS_NO_FAULT_PLAN = domainKnowsNoFaultPlan("dev.dpsrig.simulator.dps");

    /** Nor do the hubs: a refused or damaged hub call is the front door's doing, never the hub's. */
    static final ArchRule HUB_DOMAIN_KNOWS_NO_FAULT_PLAN = domainKnowsNoFaultPlan("dev.dpsrig.simulator.hub");

    static ArchRule domainKnowsNoFaultPlan(String domainPackage) {
        return noClasses()
                .that().resideInAPackage(domainPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.dpsrig.simulator.fault..", "dev.dpsrig.simulator.quota..")
                .as(domainPackage + " uses no dev.dpsrig.simulator.fault or dev.dpsrig.simulator.quota type");
    }

    static final ArchRule HELIDON_SERVER_ONLY_IN_HTTP_ADAPTER = noClasses()
            .that().resideOutsideOfPackages("dev.dpsrig.simulator.http..", "dev.dpsrig.simulator.server..",
                    "dev.dpsrig.simulator.admin..")
            .should().dependOnClassesThat().resideInAPackage("io.helidon.webserver..")
            .as("only dev.dpsrig.simulator.http, dev.dpsrig.simulator.server and dev.dpsrig.simulator.admin use Helidon's web server");

    /** The MQTT transport's codec is Netty's; nothing else in the simulator, nor any other module, touches Netty. */
    static final ArchRule NETTY_ONLY_IN_MQTT = noClasses()
            .that().resideOutsideOfPackage("dev.dpsrig.simulator.mqtt..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .as("only dev.dpsrig.simulator.mqtt uses Netty");

    /** The real simulator's adapter packages, which the rules below hold apart. */
    static final String SIMULATOR = "dev.dpsrig.simulator";

    /**
     * The layers of the simulator's front doors under {@code root}: the HTTP front door ({@code http}) and the admin API
     * ({@code admin}) never know the start-up that wires them ({@code server}); the MQTT transport and its DPS front door
     * ({@code mqtt}) know none of the three. Each part fails on an empty package.
     */
    static ArchRule frontDoorLayers(String root) {
        return CompositeArchRule
                .of(noClasses()
                        .that().resideInAnyPackage(root + ".http..", root + ".admin..")
                        .should().dependOnClassesThat().resideInAPackage(SIMULATOR + ".server..")
                        .as(root + ".http and " + root + ".admin never depend on " + SIMULATOR + ".server"))
                .and(noClasses()
                        .that().resideInAPackage(root + ".mqtt..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                SIMULATOR + ".http..", SIMULATOR + ".admin..", SIMULATOR + ".server..")
                        .as(root + ".mqtt depends on none of " + SIMULATOR + ".http, .admin and .server"));
    }

    /** The simulator's packages (its domain, store, adapters and start-up) depend on one another in one direction only. */
    static final ArchRule SIMULATOR_PACKAGES_FREE_OF_CYCLES = slices()
            .matching(SIMULATOR + ".(*)..")
            .should().beFreeOfCycles()
            .as("the packages of " + SIMULATOR + " are free of cycles");

    static final ArchRule YAML_ONLY_WHERE_FAULT_PLANS_AND_RIG_FILES_ARE_READ = noClasses()
            .that().resideOutsideOfPackages("dev.dpsrig.simulator.fault..", "dev.dpsrig.hil.config..")
            .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
            .as("only dev.dpsrig.simulator.fault and dev.dpsrig.hil.config read YAML");

    static final ArchRule PI4J_ONLY_IN_HIL_GPIO = noClasses()
            .that().resideOutsideOfPackage("dev.dpsrig.hil.gpio..")
            .should().dependOnClassesThat().resideInAPackage("com.pi4j..")
            .as("only dev.dpsrig.hil.gpio uses Pi4J");

    static final ArchRule JSERIALCOMM_ONLY_IN_HIL_SERIAL = noClasses()
            .that().resideOutsideOfPackage("dev.dpsrig.hil.serial..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast.jSerialComm..")
            .as("only dev.dpsrig.hil.serial uses jSerialComm");

    /** Native calls (the C library's pseudo-terminal and termios functions) stay in one small package. */
    static final ArchRule JNA_ONLY_IN_HIL_PTY = noClasses()
            .that().resideOutsideOfPackage("dev.dpsrig.hil.pty..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .as("only dev.dpsrig.hil.pty uses JNA");

    /**
     * A firmware author reads the tethered package as the protocol's reference: it speaks over any
     * {@code Console}, so it must not lean on a GPIO or serial library, nor on the simulator.
     */
    static final ArchRule TETHERED_PROTOCOL_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("dev.dpsrig.hil.tethered..")
            .should().dependOnClassesThat().resideInAnyPackage("com.pi4j..", "com.fazecast..", "dev.dpsrig.simulator..")
            .as("the tethered protocol uses neither Pi4J, jSerialComm nor the simulator");

    /** Everything under {@code moduleRoot}, the internal package included, may use it; nothing else may. */
    static ArchRule internalPackageStaysInside(String moduleRoot) {
        return noClasses()
                .that().resideOutsideOfPackage(moduleRoot + "..")
                .should().dependOnClassesThat().resideInAPackage(moduleRoot + ".internal..")
                .as("only " + moduleRoot + " uses " + moduleRoot + ".internal");
    }

    /** Fails on an empty {@code fromPackage} too: a renamed package must not let the rule pass by matching nothing. */
    static ArchRule neverDependsOn(String fromPackage, String toPackage) {
        return noClasses()
                .that().resideInAPackage(fromPackage + "..")
                .should().dependOnClassesThat().resideInAPackage(toPackage + "..");
    }

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dpsrig");

    /** Classes that break one rule each on purpose; those outside app.archfixture sit in the package their rule governs. */
    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages("dev.dpsrig.app.archfixture", "dev.dpsrig.emulator.archfixture", "dev.dpsrig.simulator.archfixture",
                    "dev.dpsrig.simulator.hub.archfixture", "dev.dpsrig.protocol.archfixture");

    static List<String> moduleRoots() {
        return MODULE_ROOTS;
    }

    @Test
    void productionImportHoldsEveryModulesClassesAndNoTests() {
        assertThat(PRODUCTION.contain("dev.dpsrig.certs.internal.PemCodec")).isTrue();
        assertThat(PRODUCTION.contain("dev.dpsrig.certs.cli.CertsCommand")).isTrue();
        assertThat(PRODUCTION.contain("dev.dpsrig.app.cli.Dpsrig")).isTrue();
        assertThat(PRODUCTION.contain(ReachesForBouncyCastle.class)).isFalse();
        assertThat(PRODUCTION.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void bouncyCastleOnlyInCertsInternal() {
        BOUNCY_CASTLE_ONLY_IN_CERTS_INTERNAL.check(PRODUCTION);
    }

    @ParameterizedTest
    @MethodSource("moduleRoots")
    void internalPackagesAreUsedOnlyInsideTheirModule(String moduleRoot) {
        internalPackageStaysInside(moduleRoot).check(PRODUCTION);
    }

    @Test
    void certsItselfMayUseItsInternalPackage() {
        assertThat(PRODUCTION.get("dev.dpsrig.certs.IdentityFiles").getDirectDependenciesFromSelf())
                .anySatisfy(dependency -> assertThat(dependency.getTargetClass().getPackageName())
                        .isEqualTo("dev.dpsrig.certs.internal"));
        assertThat(internalPackageStaysInside("dev.dpsrig.certs").evaluate(PRODUCTION).hasViolation()).isFalse();
    }

    @Test
    void simulatorDomainIsFreeOfHelidon() {
        DOMAIN_FREE_OF_HELIDON.check(PRODUCTION);
        HELIDON_SERVER_ONLY_IN_HTTP_ADAPTER.check(PRODUCTION);
    }

    @Test
    void nettyOnlyInMqtt() {
        assertDependsOnPackage("dev.dpsrig.simulator.mqtt.MqttCodec", "io.netty");
        NETTY_ONLY_IN_MQTT.check(PRODUCTION);
    }

    @Test
    void nettyRuleCatchesNettyOutsideMqtt() {
        assertViolatedBy(NETTY_ONLY_IN_MQTT.evaluate(FIXTURES), dev.dpsrig.simulator.archfixture.http.UsesNettyOutsideMqtt.class);
    }

    @Test
    void simulatorFrontDoorsKnowNotWhatWiresThem() {
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.admin.FaultAdminRoutes")).isTrue();
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.mqtt.dps.DpsMqttFrontDoor")).isTrue();
        frontDoorLayers(SIMULATOR).check(PRODUCTION);
    }

    @Test
    void frontDoorRuleCatchesHttpAdminOrMqttReachingUp() {
        EvaluationResult result = frontDoorLayers("dev.dpsrig.simulator.archfixture").evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(
                dev.dpsrig.simulator.archfixture.http.RouteThatKnowsTheServer.class.getName(),
                dev.dpsrig.simulator.archfixture.admin.AdminThatKnowsTheServer.class.getName(),
                dev.dpsrig.simulator.archfixture.mqtt.MqttThatKnowsTheWebServer.class.getName(),
                "dev.dpsrig.simulator.http.InProcessDps", "dev.dpsrig.simulator.admin.FaultAdminRoutes",
                "dev.dpsrig.simulator.server.LocalSimulator", "dev.dpsrig.simulator.server.SimulatorConfig");
    }

    @Test
    void aFrontDoorRuleOverPackagesThatNoLongerExistFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> frontDoorLayers("dev.dpsrig.simulator.renamed").check(PRODUCTION))
                .as("empty packages are reported, not passed")
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void simulatorPackagesAreFreeOfCycles() {
        SIMULATOR_PACKAGES_FREE_OF_CYCLES.check(PRODUCTION);
    }

    @Test
    void dpsDomainSpeaksNoJson() {
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.dps.ProvisioningService")).isTrue();
        DPS_DOMAIN_SPEAKS_NO_JSON.check(PRODUCTION);
    }

    @Test
    void dpsDomainRuleCatchesJsonTheWebServerAndTheStore() {
        EvaluationResult result = domainSpeaksNoJson("dev.dpsrig.simulator.archfixture").evaluate(FIXTURES);

        assertViolatedBy(result, dev.dpsrig.simulator.archfixture.DomainThatSpeaksJson.class);
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("jakarta.json.JsonObject", "io.helidon.webserver.WebServer", "dev.dpsrig.simulator.store.StateStore");
    }

    @Test
    void hubDomainSpeaksNoJson() {
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.hub.SimulatedHub")).isTrue();
        assertThat(PRODUCTION.contain(dev.dpsrig.simulator.hub.archfixture.HubThatSpeaksJson.class)).isFalse();
        HUB_DOMAIN_SPEAKS_NO_JSON.check(PRODUCTION);
    }

    @Test
    void hubDomainRuleCatchesJsonTheWebServerAndTheStoreInTheHubPackage() {
        EvaluationResult result = HUB_DOMAIN_SPEAKS_NO_JSON.evaluate(FIXTURES);

        assertViolatedBy(result, dev.dpsrig.simulator.hub.archfixture.HubThatSpeaksJson.class);
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains("jakarta.json.JsonObjectBuilder",
                "io.helidon.webserver.http.ServerResponse", "dev.dpsrig.simulator.store.FileMessageLog");
    }

    @Test
    void aDomainRuleOverAPackageThatNoLongerExistsFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> domainSpeaksNoJson("dev.dpsrig.simulator.renamed").check(PRODUCTION))
                .as("an empty domain package is reported, not passed")
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void dpsDomainKnowsNoFaultPlan() {
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.dps.OutcomeOverride")).isTrue();
        DPS_DOMAIN_KNOWS_NO_FAULT_PLAN.check(PRODUCTION);
    }

    @Test
    void hubDomainKnowsNoFaultPlan() {
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.hub.SimulatedHub")).isTrue();
        HUB_DOMAIN_KNOWS_NO_FAULT_PLAN.check(PRODUCTION);
    }

    @Test
    void dpsDomainFaultPlanRuleCatchesAFaultAndTheQuotas() {
        EvaluationResult result = domainKnowsNoFaultPlan("dev.dpsrig.simulator.archfixture").evaluate(FIXTURES);

        assertViolatedBy(result, dev.dpsrig.simulator.archfixture.DomainThatKnowsFaults.class);
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("dev.dpsrig.simulator.fault.Fault", "dev.dpsrig.simulator.quota.Quotas");
    }

    @Test
    void yamlOnlyWhereFaultPlansAndRigFilesAreRead() {
        YAML_ONLY_WHERE_FAULT_PLANS_AND_RIG_FILES_ARE_READ.check(PRODUCTION);
        assertDependsOnPackage("dev.dpsrig.simulator.fault.FaultFiles", "org.snakeyaml");
        assertDependsOnPackage("dev.dpsrig.hil.config.RigFiles", "org.snakeyaml");
    }

    @Test
    void pi4jOnlyInHilGpio() {
        PI4J_ONLY_IN_HIL_GPIO.check(PRODUCTION);
        assertDependsOnPackage("dev.dpsrig.hil.gpio.Gpio", "com.pi4j");
    }

    @Test
    void jSerialCommOnlyInHilSerial() {
        JSERIALCOMM_ONLY_IN_HIL_SERIAL.check(PRODUCTION);
        assertDependsOnPackage("dev.dpsrig.hil.serial.SerialPorts", "com.fazecast.jSerialComm");
    }

    @Test
    void jnaOnlyInHilPty() {
        JNA_ONLY_IN_HIL_PTY.check(PRODUCTION);
        assertDependsOnPackage("dev.dpsrig.hil.pty.PtyPair", "com.sun.jna");
    }

    @Test
    void picocliOnlyInCliPackages() {
        PICOCLI_ONLY_IN_CLI_PACKAGES.check(PRODUCTION);
    }

    @Test
    void simulatorAndHilRigNeverDependOnEachOther() {
        SIMULATOR_AND_HIL_RIG_INDEPENDENT.check(PRODUCTION);
    }

    @Test
    void virtualBoardIsPlainJava() {
        assertThat(PRODUCTION.contain("dev.dpsrig.hil.virtual.VirtualBoard")).isTrue();
        VIRTUAL_BOARD_IS_PLAIN_JAVA.check(PRODUCTION);
    }

    @Test
    void tetheredProtocolIsPlainJava() {
        assertThat(PRODUCTION.contain("dev.dpsrig.hil.tethered.TetheredLink")).isTrue();
        TETHERED_PROTOCOL_IS_PLAIN_JAVA.check(PRODUCTION);
    }

    @Test
    void certsDependsOnNoOtherModule() {
        CERTS_DEPENDS_ON_NO_OTHER_MODULE.check(PRODUCTION);
    }

    @Test
    void emulatorAndSimulatorNeverDependOnEachOther() {
        assertThat(PRODUCTION.contain("dev.dpsrig.emulator.device.ProvisioningClient")).isTrue();
        assertThat(PRODUCTION.contain("dev.dpsrig.simulator.server.LocalSimulator")).isTrue();
        EMULATOR_AND_SIMULATOR_INDEPENDENT.check(PRODUCTION);
    }

    @Test
    void protocolDependsOnNothingButCerts() {
        assertThat(PRODUCTION.contain("dev.dpsrig.protocol.SasSigner")).isTrue();
        PROTOCOL_DEPENDS_ON_NOTHING_BUT_CERTS.check(PRODUCTION);
    }

    @Test
    void emulatorSimulatorRuleCatchesEitherReachingIntoTheOther() {
        assertViolatedBy(neverDependsOn("dev.dpsrig.emulator", "dev.dpsrig.simulator").evaluate(FIXTURES),
                dev.dpsrig.emulator.archfixture.ReachesIntoSimulator.class);
        assertViolatedBy(neverDependsOn("dev.dpsrig.simulator", "dev.dpsrig.emulator").evaluate(FIXTURES),
                dev.dpsrig.simulator.archfixture.ReachesIntoEmulator.class);
    }

    @Test
    void protocolRuleCatchesTheContractReachingIntoASide() {
        assertViolatedBy(PROTOCOL_DEPENDS_ON_NOTHING_BUT_CERTS.evaluate(FIXTURES),
                dev.dpsrig.protocol.archfixture.ReachesIntoEmulator.class);
    }

    @Test
    void aRuleOverAPackageThatNoLongerExistsFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> neverDependsOn("dev.dpsrig.renamed", "dev.dpsrig.simulator")
                        .check(PRODUCTION))
                .as("an empty package is reported, not passed")
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void bouncyCastleRuleCatchesBouncyCastleOutsideCertsInternal() {
        assertViolatedBy(BOUNCY_CASTLE_ONLY_IN_CERTS_INTERNAL.evaluate(FIXTURES), ReachesForBouncyCastle.class);
    }

    @Test
    void internalsRuleCatchesAnotherModuleUsingCertsInternal() {
        assertViolatedBy(internalPackageStaysInside("dev.dpsrig.certs").evaluate(FIXTURES), ReachesIntoCertsInternal.class);
    }

    @Test
    void picocliRuleCatchesPicocliOutsideACliPackage() {
        assertViolatedBy(PICOCLI_ONLY_IN_CLI_PACKAGES.evaluate(FIXTURES), UsesPicocliOutsideCli.class);
    }

    /** The rule above it is only worth something if the package it allows really uses the library. */
    private static void assertDependsOnPackage(String className, String packagePrefix) {
        assertThat(PRODUCTION.get(className).getDirectDependenciesFromSelf())
                .anySatisfy(dependency -> assertThat(dependency.getTargetClass().getPackageName()).startsWith(packagePrefix));
    }

    @Test
    void pi4jRuleCatchesPi4jOutsideHilGpio() {
        assertViolatedBy(PI4J_ONLY_IN_HIL_GPIO.evaluate(FIXTURES), UsesPi4jOutsideGpio.class);
    }

    @Test
    void jSerialCommRuleCatchesJSerialCommOutsideHilSerial() {
        assertViolatedBy(JSERIALCOMM_ONLY_IN_HIL_SERIAL.evaluate(FIXTURES), UsesJSerialCommOutsideSerial.class);
    }

    @Test
    void jnaRuleCatchesJnaOutsideHilPty() {
        assertViolatedBy(JNA_ONLY_IN_HIL_PTY.evaluate(FIXTURES), UsesJnaOutsidePty.class);
    }

    private static void assertViolatedBy(EvaluationResult result, Class<?> offender) {
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).allSatisfy(detail -> assertThat(detail).contains(offender.getName()));
    }
}
