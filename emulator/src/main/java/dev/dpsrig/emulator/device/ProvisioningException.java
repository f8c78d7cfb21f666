package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.RegistrationStatus;
import java.util.Optional;

/**
 * A registration that did not end {@code assigned}, with the evidence: the HTTP status and DPS error
 * code of the refusal (or the {@code failed}/{@code disabled} state and its error code), the tracking id,
 * and the device's timeline; for an endpoint that could not be reached at all, the endpoint and why.
 *
 * @see Reason
 */
public final class ProvisioningException extends RuntimeException {
    /** Why the device gave up. */
    public enum Reason {
        /** DPS refused a request for good (400, 401, 404, 415 ...). */
        REFUSED,
        /** The operation ended {@code failed}. */
        FAILED,
        /** The operation ended {@code disabled}. */
        DISABLED,
        /** The overall deadline passed while the device was still retrying or polling. */
        DEADLINE_EXCEEDED,
        /**
         * No connection could be opened to DPS (refused, unknown host, no route) and it had never answered in this run:
         * nothing is there, so the device gave up at once instead of retrying until the deadline.
         */
        UNREACHABLE
    }

    private final transient String registrationId;
    private final Reason reason;
    private final int httpStatus;
    private final transient Optional<Integer> errorCode;
    private final transient Optional<String> trackingId;
    private final transient Optional<RegistrationStatus> status;
    private final transient Timeline timeline;
    private final transient Optional<String> endpoint;
    private final transient Optional<ConnectFailure> connectFailure;

    public ProvisioningException(String registrationId, Reason reason, int httpStatus, Optional<Integer> errorCode, String message,
                                 Optional<String> trackingId, Optional<RegistrationStatus> status, Timeline timeline) {
        super(message);
        this.registrationId = registrationId;
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.trackingId = trackingId;
        this.status = status;
        this.timeline = timeline;
        this.endpoint = Optional.empty();
        this.connectFailure = Optional.empty();
    }

    /** {@link Reason#UNREACHABLE}: {@code endpoint} ({@code host:port}) could not be connected to, for {@code connectFailure}. */
    public ProvisioningException(String registrationId, String endpoint, ConnectFailure connectFailure, String message, Throwable cause,
                                 Timeline timeline) {
        super(message, cause);
        this.registrationId = registrationId;
        this.reason = Reason.UNREACHABLE;
        this.httpStatus = 0;
        this.errorCode = Optional.empty();
        this.trackingId = Optional.empty();
        this.status = Optional.empty();
        this.timeline = timeline;
        this.endpoint = Optional.of(endpoint);
        this.connectFailure = Optional.of(connectFailure);
    }

    public String registrationId() {
        return registrationId;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the last answer; 0 when there was none (connection failures, deadline). */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<Integer> errorCode() {
        return errorCode;
    }

    public Optional<String> trackingId() {
        return trackingId;
    }

    /** {@code failed} or {@code disabled} when the operation ended so. */
    public Optional<RegistrationStatus> status() {
        return status;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** {@link Reason#UNREACHABLE}: the {@code host:port} that could not be connected to. */
    public Optional<String> endpoint() {
        return endpoint;
    }

    /** {@link Reason#UNREACHABLE}: why no connection could be opened. */
    public Optional<ConnectFailure> connectFailure() {
        return connectFailure;
    }
}
