package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.ProvisioningException;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Locale;

/** A device that does not trust the server it reached must refuse it, as the SDKs' invalid-certificate tests check. */
public final class TrustSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Credentials credentials;

    public TrustSteps(ScenarioTarget target, DeviceRoster devices, Credentials credentials) {
        this.target = target;
        this.devices = devices;
        this.credentials = credentials;
    }

    @When("device {string} registers with its enrollment key while trusting only a root of its own")
    public void registersTrustingAnotherRoot(String name) {
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("a root " + name + " trusts instead").certificateAuthority().build();
        devices.newDeviceTrusting(name, DeviceAttestation.SymmetricKey.individual(target.id(name), credentials.key(name)),
                List.of(otherRoot.certificate()));
        devices.register(name);
    }

    @Then("device {string} refused the server's certificate")
    public void refusedCertificate(String name) {
        String evidence = devices.evidence(name);
        ProvisioningException failure = devices.failure(name)
                .orElseThrow(() -> new AssertionError("the registration of '" + name + "' did not fail: " + evidence));
        assertThat(failure.httpStatus()).as("no HTTP answer may reach a device that refused the server: " + evidence).isZero();
        List<String> reasons = devices.device(name).timeline().events(DeviceEvent.RetryScheduled.class).stream()
                .map(DeviceEvent.RetryScheduled::reason).toList();
        assertThat(reasons).as("why '%s' could not talk to DPS: %s", name, evidence).isNotEmpty()
                .allSatisfy(reason -> assertThat(reason.toLowerCase(Locale.ROOT)).containsAnyOf("certificat", "pkix", "trust"));
        if (devices.over().mqtt()) {
            // Over MQTT the handshake fails before any CONNECT: the retries' reasons above are the connections it refused.
            assertThat(reasons).as("why '%s' could not connect to DPS over MQTT", name)
                    .allSatisfy(reason -> assertThat(reason).startsWith("MQTT "));
        } else {
            assertThat(devices.exchanges()).as("the exchanges of '%s'", name)
                    .filteredOn(exchange -> exchange.url().contains(target.id(name))).isNotEmpty()
                    .allSatisfy(exchange -> assertThat(exchange.answer()).as("an answer to a device that refused the server").isEmpty());
        }
    }
}
