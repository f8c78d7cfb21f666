package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fuzz world's stored state for the before-and-after comparison: enrollments, groups, CA
 * certificates, registrations, hub devices, cloud-to-device queues, device-to-cloud messages since the
 * last reading, settlements, fault rules and the quota profile.
 */
final class Snapshots {
    private final LocalSimulator simulator;
    private final InProcessDps dps;
    private final SimulatedHub hub;
    private final AfterEffects afterEffects;
    private long lastMessage;

    Snapshots(LocalSimulator simulator, InProcessDps dps, SimulatedHub hub, AfterEffects afterEffects) {
        this.simulator = simulator;
        this.dps = dps;
        this.hub = hub;
        this.afterEffects = afterEffects;
    }

    /**
     * The state once an accepted request's after-effects are done: no registration still assigning, and
     * two snapshots a moment apart alike (the assignment timer writes the registration, then the hub device).
     */
    StateSnapshot settledSnapshot() {
        afterEffects.settle();
        StateSnapshot previous = snapshot();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            StateSnapshot now = snapshot();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** Everything stored that a request could change, each item one comparable line. */
    StateSnapshot snapshot() {
        Map<String, List<String>> state = new LinkedHashMap<>();
        state.put("enrollments", dps.enrollments().stream().map(e -> e.registrationId() + " " + ServiceJson.enrollment(e)).sorted().toList());
        state.put("enrollment groups", dps.groups().stream().map(g -> g.enrollmentGroupId() + " " + ServiceJson.group(g)).sorted().toList());
        state.put("CA certificates", dps.caCertificates().stream().map(ca -> ca.name() + " " + ServiceJson.ca(ca)).sorted().toList());
        state.put("registrations", dps.registrations().stream().map(r -> r.registrationId() + " " + ServiceJson.registration(r)).sorted().toList());
        state.put("hub devices", hub.devices().stream().map(d -> d.deviceId() + " " + ServiceJson.hubDevice(d)).sorted().toList());
        List<String> queues = new ArrayList<>();
        for (HubDevice device : hub.devices()) {
            for (QueuedMessage message : hub.deviceBound(device.deviceId())) {
                queues.add(device.deviceId() + " #" + message.message().sequenceNumber() + " deliveries " + message.deliveryCount()
                        + message.lockedUntil().map(until -> " locked until " + until).orElse(""));
            }
        }
        state.put("cloud-to-device queues", queues);
        List<dev.dpsrig.simulator.hub.DeviceMessage> newer;
        try {
            newer = hub.messagesAfter(lastMessage, Optional.empty(), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            newer = List.of();
        }
        if (!newer.isEmpty()) {
            lastMessage = newer.getLast().sequenceNumber();
        }
        state.put("device-to-cloud messages", List.of("last sequence number " + lastMessage));
        state.put("settlements", List.of(Integer.toString(hub.settlements().size())));
        state.put("fault rules", simulator.faults().rules().stream().map(Object::toString).toList());
        state.put("quota profile", List.of(simulator.quotaProfile().name()));
        return new StateSnapshot(state);
    }

    /** The service's own JSON forms, so that a snapshot line shows every stored field. */
    private static final class ServiceJson {
        static String enrollment(IndividualEnrollment enrollment) {
            return dev.dpsrig.simulator.json.EnrollmentJson.toJson(enrollment, true).toString();
        }

        static String group(EnrollmentGroup group) {
            return dev.dpsrig.simulator.json.EnrollmentJson.toJson(group, true).toString();
        }

        static String ca(CaCertificate ca) {
            return dev.dpsrig.simulator.json.ServiceJson.certificate(ca).toJson().toString() + " code=" + ca.verificationCode().orElse("");
        }

        static String registration(Registration registration) {
            return dev.dpsrig.simulator.json.ServiceJson.toJson(registration).toString();
        }

        static String hubDevice(HubDevice device) {
            return dev.dpsrig.simulator.json.ServiceJson.toJson(device).toString() + " enabled=" + device.enabled();
        }
    }
}
