package dev.dpsrig.simulator.mqtt;

import dev.dpsrig.protocol.ApiVersions;
import java.util.Optional;

/** A product's answer to a CONNECT: the session it opens for the client, or why it refuses. */
public sealed interface Admission {
    /** @param state the session state the client resumes, whose subscriptions the connection serves */
    record Accepted(MqttSession session, SessionState state) implements Admission {
    }

    /** @param reason what the log says, in the words the product's HTTPS endpoint would answer with */
    record Refused(ConnectRefusal refusal, String reason) implements Admission {
        /**
         * {@code --strict}: a CONNECT whose user name gives an {@code api-version} {@code api} does not answer is refused
         * with return code 1 (unacceptable protocol version), the CONNACK nearest to the 400 {@code InvalidProtocolVersion}
         * of HTTPS; empty when it is answered, or when the simulator is not strict.
         */
        public static Optional<Refused> unsupported(boolean strict, ApiVersions api, String version) {
            if (!strict) {
                return Optional.empty();
            }
            return api.refusal(Optional.of(version)).map(reason -> new Refused(ConnectRefusal.UNACCEPTABLE_PROTOCOL_VERSION, reason));
        }
    }
}
