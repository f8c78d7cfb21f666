package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.picocontainer.Disposable;

/**
 * The individual enrollments and groups one scenario makes through the service API of its target. On a real
 * DPS they, and the registrations of the scenario's devices, would outlive the scenario, so they are deleted
 * when it ends.
 */
public final class ScenarioEnrollments implements Disposable {
    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final List<String> enrollmentsMade = new ArrayList<>();
    private final List<String> groupsMade = new ArrayList<>();

    public ScenarioEnrollments(ScenarioTarget target, DeviceRoster devices) {
        this.target = target;
        this.devices = devices;
    }

    /** Creates or replaces an individual enrollment through the service API; it is deleted when the scenario ends. */
    public void enroll(IndividualEnrollment enrollment) {
        target.service().putEnrollment(enrollment, Optional.empty());
        enrollmentsMade.add(enrollment.registrationId());
    }

    /** Creates or replaces an enrollment group through the service API; it is deleted when the scenario ends. */
    public void enrollGroup(EnrollmentGroup group) {
        target.service().putGroup(group, Optional.empty());
        groupsMade.add(group.enrollmentGroupId());
    }

    /** A failure to delete must not hide the scenario's own outcome, so it is only reported. */
    @Override
    public void dispose() {
        if (enrollmentsMade.isEmpty() && groupsMade.isEmpty() && devices.devices().isEmpty()) {
            return;
        }
        ServiceApiClient service = target.service();
        for (String registrationId : enrollmentsMade) {
            deleteQuietly("enrollment " + registrationId, () -> service.deleteEnrollment(registrationId, Optional.empty()));
        }
        for (EmulatedDevice device : devices.devices().values()) {
            deleteQuietly("registration " + device.registrationId(), () -> service.deleteRegistration(device.registrationId(), Optional.empty()));
        }
        for (String groupId : groupsMade) {
            deleteQuietly("enrollment group " + groupId, () -> service.deleteGroup(groupId, Optional.empty()));
        }
    }

    private static void deleteQuietly(String what, Runnable delete) {
        try {
            delete.run();
        } catch (ServiceApiException e) {
            if (e.status() != 404) {
                System.err.println("dpsrig: could not delete " + what + " after the scenario: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            System.err.println("dpsrig: could not delete " + what + " after the scenario: " + e.getMessage());
        }
    }
}
