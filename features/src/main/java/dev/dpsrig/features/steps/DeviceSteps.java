package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SymmetricKeys;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Devices registering, and what they and the simulator saw. */
public final class DeviceSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Credentials credentials;

    public DeviceSteps(ScenarioTarget target, DeviceRoster devices, Credentials credentials) {
        this.target = target;
        this.devices = devices;
        this.credentials = credentials;
    }

    @Given("devices give up registering after {int} seconds")
    public void deadline(int seconds) {
        devices.deadline(Duration.ofSeconds(seconds));
    }

    @When("device {string} registers with its enrollment key")
    public void registersWithEnrollmentKey(String registrationId) {
        devices.register(registrationId, DeviceAttestation.SymmetricKey.individual(target.id(registrationId), credentials.key(registrationId)), Optional.empty());
    }

    @When("device {string} registers with a key derived from group {string}")
    public void registersWithDerivedKey(String registrationId, String groupId) {
        devices.register(registrationId, DeviceAttestation.SymmetricKey.fromGroupKey(target.id(registrationId), credentials.key(groupId)), Optional.empty());
    }

    @When("device {string} registers with the key of group {string} itself")
    public void registersWithGroupKey(String registrationId, String groupId) {
        devices.register(registrationId, DeviceAttestation.SymmetricKey.individual(target.id(registrationId), credentials.key(groupId)), Optional.empty());
    }

    @When("device {string} registers with a key of its own making")
    public void registersWithWrongKey(String registrationId) {
        devices.register(registrationId, DeviceAttestation.SymmetricKey.individual(target.id(registrationId), SymmetricKeys.generate()), Optional.empty());
    }

    @When("device {string} registers with its enrollment key and payload {string}")
    public void registersWithPayload(String registrationId, String payload) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(payload))) {
            devices.register(registrationId, DeviceAttestation.SymmetricKey.individual(target.id(registrationId), credentials.key(registrationId)),
                    Optional.of(reader.readValue()));
        }
    }

    @When("device {string} registers with its self-signed certificate")
    public void registersSelfSigned(String registrationId) {
        HeldCertificate device = credentials.certificate(new CertificateKey.SelfSigned(registrationId)).orElse(null);
        assertThat(device).as("a self-signed certificate for '%s' (enroll it first)", registrationId).isNotNull();
        devices.register(registrationId, DeviceAttestation.X509.of(device), Optional.empty());
    }

    @When("device {string} registers with its certificate from {string}")
    public void registersWithIssued(String registrationId, String authority) {
        HeldCertificate device = credentials.certificate(new CertificateKey.Issued(registrationId),
                () -> credentials.issue(authority, target.id(registrationId)));
        devices.register(registrationId, DeviceAttestation.X509.of(device), Optional.empty());
    }

    @When("device {string} registers with an expired certificate from {string}")
    public void registersWithExpired(String registrationId, String authority) {
        HeldCertificate intermediate = credentials.authority(authority);
        HeldCertificate device = HeldCertificate.builder().commonName(target.id(registrationId)).clientAuth()
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).signedBy(intermediate).build();
        devices.register(registrationId, DeviceAttestation.X509.of(device), Optional.empty());
    }

    @When("device {string} registers with a certificate for {string} from {string}")
    public void registersWithWrongCommonName(String registrationId, String commonName, String authority) {
        HeldCertificate device = credentials.issue(authority, target.id(commonName));
        devices.register(registrationId, new DeviceAttestation.X509(target.id(registrationId), device), Optional.empty());
    }

    @When("{int} devices named {string} register with keys derived from group {string}")
    public void fleetRegisters(int count, String pattern, String groupId) throws Exception {
        String groupKey = credentials.key(groupId);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(String.format(pattern, i));
        }
        names.forEach(name -> devices.newDevice(name, DeviceAttestation.SymmetricKey.fromGroupKey(target.id(name), groupKey)));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (String name : names) {
                running.add(threads.submit(() -> {
                    devices.register(name);
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get();
            }
        }
    }

    @Then("device {string} is assigned")
    public void isAssigned(String name) {
        devices.assigned(name);
    }

    @Then("device {string} is assigned with substatus {string}")
    public void isAssignedWithSubstatus(String name, String substatus) {
        assertThat(devices.assigned(name).substatus().wireName()).as(devices.evidence(name)).isEqualTo(substatus);
    }

    @Then("device {string} is assigned as device id {string}")
    public void isAssignedAs(String name, String deviceId) {
        assertThat(devices.assigned(name).deviceId()).as(devices.evidence(name)).isEqualTo(target.id(deviceId));
    }

    @Then("device {string} is assigned to hub {string}")
    public void isAssignedToHub(String name, String hub) {
        String hostName = target.simulator().iotHub(hub).hub().hostName();
        assertThat(devices.assigned(name).assignedHub()).as(devices.evidence(name)).isEqualTo(hostName);
    }

    @Then("device {string} got back the payload {string}")
    public void gotPayload(String name, String payload) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(payload))) {
            JsonValue expected = reader.readValue();
            assertThat(devices.assigned(name).payload()).as(devices.evidence(name)).contains(expected);
        }
    }

    @Then("all {int} devices named {string} are assigned, each as its own device id")
    public void fleetAssigned(int count, String pattern) {
        for (int i = 1; i <= count; i++) {
            String name = String.format(pattern, i);
            assertThat(devices.assigned(name).deviceId()).as(devices.evidence(name)).isEqualTo(target.id(name));
        }
    }

    @Then("device {string} went through {string}")
    public void wentThrough(String name, String statuses) {
        List<String> expected = Arrays.stream(statuses.split(",")).map(String::strip).toList();
        assertThat(devices.device(name).timeline().statuses()).as(devices.evidence(name)).isEqualTo(expected);
        String last = expected.getLast();
        if (!last.equals("assigning")) {
            String recorded = target.registrationRecord(devices.device(name).registrationId()).map(record -> record.getString("status", "none"))
                    .orElse("no record");
            assertThat(recorded).as("the target's record of '%s' agrees with the device", name).isEqualTo(last);
        }
    }

    @Then("the registration of {string} is refused with status {int}")
    public void refused(String name, int status) {
        ProvisioningException failure = failure(name);
        assertThat(failure.reason()).as(devices.evidence(name)).isEqualTo(ProvisioningException.Reason.REFUSED);
        assertThat(failure.httpStatus()).as(devices.evidence(name)).isEqualTo(status);
    }

    @Then("the registration of {string} is refused with status {int} saying {string}")
    public void refusedSaying(String name, int status, String text) {
        refused(name, status);
        assertThat(failure(name).getMessage()).as(devices.evidence(name)).contains(text);
    }

    @Then("the registration of {string} ends {status}")
    public void ends(String name, RegistrationStatus status) {
        ProvisioningException failure = failure(name);
        assertThat(failure.status()).as(devices.evidence(name)).contains(status);
    }

    @Then("the registration of {string} ends {status} with error code {int}")
    public void endsWithCode(String name, RegistrationStatus status, int code) {
        ends(name, status);
        assertThat(failure(name).errorCode()).as(devices.evidence(name)).contains(code);
    }

    @Then("the registration of {string} gives up at its deadline")
    public void gaveUp(String name) {
        assertThat(failure(name).reason()).as(devices.evidence(name)).isEqualTo(ProvisioningException.Reason.DEADLINE_EXCEEDED);
    }

    private ProvisioningException failure(String name) {
        return devices.failure(name).orElseThrow(() -> new AssertionError("the registration of '" + name
                + "' did not fail: " + devices.evidence(name)));
    }

    /** The same device registers once more, keeping its timeline: what a device does after its enrollment moved. */
    @When("device {string} registers again")
    public void registersAgain(String name) {
        devices.register(name);
    }
}
