package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationStatus;
import java.util.Optional;

/** {@code RegistrationOperationStatus}: what register and operation lookup answer. */
public record OperationStatus(String operationId, RegistrationStatus status, Optional<Registration> registrationState) {
}
