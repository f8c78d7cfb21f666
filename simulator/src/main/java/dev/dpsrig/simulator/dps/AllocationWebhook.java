package dev.dpsrig.simulator.dps;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Calls a custom allocation webhook. The domain says what the {@code AllocationRequest} holds and what
 * it needs from the answer; the JSON they travel as, and how, are the adapter's business.
 */
public interface AllocationWebhook {

    Answer call(CustomAllocation webhook, Request request);

    /**
     * What DPS tells the webhook about a registering device.
     *
     * @param enrollment     the individual enrollment or group behind the device; shown without its keys
     * @param currentHub     the hub the device is assigned to, or was until this registration
     * @param currentDeviceId the device's id on that hub
     * @param certificate    the X.509 leaf the device presented; empty for a symmetric-key device
     * @param payload        what the device sent with its registration
     * @param linkedHubs     the host names of the hubs the webhook may choose from
     */
    record Request(EnrollmentMatch.Enrollment enrollment, String registrationId, Optional<String> currentHub,
                   Optional<String> currentDeviceId, Optional<X509Certificate> certificate, Optional<RawJson> payload,
                   List<String> linkedHubs) {
        public Request {
            linkedHubs = List.copyOf(linkedHubs);
        }
    }

    /** The webhook's answer: its HTTP status, and what its body chose, read only when the status is a success. */
    record Answer(int status, Choice choice) {
    }

    /**
     * What a webhook's answer chooses for the device. Each part is read when it is needed, in the order
     * DPS needs them; a part the body holds in the wrong shape is refused then, as a 400 that names it.
     */
    interface Choice {
        Optional<String> iotHubHostName();

        Optional<RawJson> payload();

        Optional<RawJson> initialTwin();
    }
}
