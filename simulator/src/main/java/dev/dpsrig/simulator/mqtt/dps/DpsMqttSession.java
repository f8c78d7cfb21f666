package dev.dpsrig.simulator.mqtt.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.JsonInput;
import dev.dpsrig.protocol.JsonInputException;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import dev.dpsrig.protocol.dps.DpsErrorBody;
import dev.dpsrig.protocol.dps.RegistrationOperationStatus;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.dps.OutcomeOverride;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.fault.AnswerDamage;
import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.Injection;
import dev.dpsrig.simulator.fault.Refusal;
import dev.dpsrig.simulator.fault.Transport;
import dev.dpsrig.simulator.json.ServiceJson;
import dev.dpsrig.simulator.mqtt.ConnectionDropped;
import dev.dpsrig.simulator.mqtt.MqttSession;
import dev.dpsrig.simulator.mqtt.ProtocolViolation;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One device connected to DPS over MQTT: its register and operation-status requests, made with the ID scope and
 * registration id of its user name and the credentials of its CONNECT, by the calls the HTTPS routes make, answered
 * with the status and JSON body HTTPS answers with. A PUBLISH to any other topic closes the connection: DPS "only
 * supports the documented topic names and topic filters". Each register and poll first meets the fault plan and the
 * quotas, as the same call over HTTPS does: a refusal is its DPS error on the response topic (a throttle with
 * {@code retry-after}), a drop closes the connection (mid-response: after the start of an answer), a delay holds the
 * answer, a malformed answer or a decided outcome changes what DPS answers.
 */
final class DpsMqttSession implements MqttSession {
    private static final Logger LOG = System.getLogger(DpsMqttSession.class.getName());
    /**
     * The soonest an answer goes out after its request arrived. The Azure IoT Java provisioning client publishes its
     * request and only then starts waiting for the answer, and misses one that came in between (it then gives up
     * after 10 s); Azure never answers that fast, so neither does the simulator.
     */
    static final Duration MIN_ANSWER_LATENCY = Duration.ofMillis(50);

    private final Supplier<ProvisioningService> dps;
    private final FaultInjector faults;
    private final DpsUsername device;
    private final DeviceCredentials credentials;
    private final Clock clock;

    DpsMqttSession(Supplier<ProvisioningService> dps, FaultInjector faults, DpsUsername device, DeviceCredentials credentials,
                   Clock clock) {
        this.dps = dps;
        this.faults = faults;
        this.device = device;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public boolean serves(String filter) {
        return filter.equals(DpsTopic.RESPONSES);
    }

    @Override
    public void received(Publish publish, Replies replies) {
        long arrived = System.nanoTime();
        DpsTopic request = DpsTopic.parse(publish.topic()).orElseThrow(() -> new ProtocolViolation("PUBLISH to '" + publish.topic()
                + "', which DPS does not serve; it serves " + DpsTopic.REGISTER + "?$rid={rid} and "
                + DpsTopic.OPERATION_STATUS + "?$rid={rid}&operationId={operationId}"));
        Endpoint endpoint = request instanceof DpsTopic.Register ? Endpoint.REGISTER : Endpoint.OPERATION_LOOKUP;
        switch (faults.arriving(Call.toDps(Transport.MQTT, endpoint, device.registrationId()))) {
            case Injection.Refuse refuse -> {
                holdMinimumLatency(arrived);
                reply(replies, request, refused(refuse.refusal()), Optional.empty());
            }
            case Injection.Drop drop -> {
                if (drop.point() == Fault.DropPoint.MID_RESPONSE) {
                    replies.publish(DpsTopic.answer(endpoint == Endpoint.REGISTER ? 202 : 200, request.rid(), Optional.empty()),
                            AnswerDamage.partialBody());
                }
                throw new ConnectionDropped(drop.reason());
            }
            case Injection.Proceed proceed -> {
                pause(proceed.delay());
                Answer answer = answer(request, publish, proceed.outcome());
                holdMinimumLatency(arrived);
                reply(replies, request, answer, answer.served() ? proceed.damage() : Optional.empty());
            }
        }
    }

    /** The answer DPS gives, or the error it fails with. */
    private Answer answer(DpsTopic request, Publish publish, Optional<OutcomeOverride> outcome) {
        try {
            return switch (request) {
                case DpsTopic.Register register -> register(publish.payload(), outcome);
                case DpsTopic.OperationStatus status -> operationStatus(status);
            };
        } catch (DpsException e) {
            return error(e.errorCode(), e.getMessage(), OptionalInt.empty());
        } catch (RuntimeException e) {
            String trackingId = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "internal error (tracking id " + trackingId + ") answering " + publish.topic(), e);
            return error(DpsErrorCode.INTERNAL_ERROR, "internal error (tracking id " + trackingId
                    + "): the simulator's log has the details", OptionalInt.empty());
        }
    }

    /** The answer on its response topic, damaged as a {@code malformed-answer} fault asks. */
    private static void reply(Replies replies, DpsTopic request, Answer answer, Optional<Fault.Malformation> damage) {
        replies.publish(DpsTopic.answer(answer.status(), request.rid(), answer.retryAfterSeconds().stream()
                        .mapToObj(seconds -> AnswerDamage.retryAfter(seconds, damage)).findFirst()),
                AnswerDamage.body(answer.body(), damage));
    }

    /** A call a fault rule or a quota turns away, answered as over HTTPS: the DPS error, and when to come back. */
    private Answer refused(Refusal refusal) {
        return error(refusal.dpsErrorCode(), refusal.message(), refusal instanceof Refusal.Throttled throttled
                ? OptionalInt.of(throttled.retryAfterSeconds()) : OptionalInt.empty());
    }

    private static void holdMinimumLatency(long arrived) {
        pause(MIN_ANSWER_LATENCY.minusNanos(System.nanoTime() - arrived));
    }

    /** The connection's reader waits too: a device has one request in flight on its DPS connection. */
    private static void pause(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The body is read only once the connection's credentials proved the device, as over HTTPS. */
    private Answer register(byte[] payload, Optional<OutcomeOverride> outcome) {
        OperationStatus operation = service().register(device.idScope(), device.registrationId(), credentials,
                () -> registration(payload).flatMap(DeviceRegistration::payload).map(ServiceJson::raw), outcome);
        return polling(operation);
    }

    private Answer operationStatus(DpsTopic.OperationStatus request) {
        String operationId = request.operationId().orElseThrow(() -> DpsException.badRequest(
                "the operation status topic names no operationId: " + DpsTopic.OPERATION_STATUS + "?$rid={rid}&operationId={operationId}"));
        OperationStatus operation = service().lookupOperation(device.idScope(), device.registrationId(), operationId, credentials);
        return operation.status().isTerminal() ? new Answer(200, json(operation), OptionalInt.empty()) : polling(operation);
    }

    /** A 202 the device is to poll after, in whole seconds. */
    private Answer polling(OperationStatus operation) {
        return new Answer(202, json(operation), OptionalInt.of(service().retryAfterSeconds()));
    }

    /** The register body: none at all, or an object whose registration id, when there, is the user name's. */
    private Optional<DeviceRegistration> registration(byte[] payload) {
        if (new String(payload, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonValue body;
        try {
            body = JsonInput.read(payload);
        } catch (JsonInputException e) {
            throw DpsException.badRequest(e.getMessage());
        }
        if (body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw DpsException.badRequest("request body must be a JSON object");
        }
        DeviceRegistration registration = DeviceRegistration.fromJson(body.asJsonObject());
        registration.requireRegistrationId(device.registrationId(), "the user name");
        return Optional.of(registration);
    }

    private Answer error(DpsErrorCode code, String message, OptionalInt retryAfterSeconds) {
        return new Answer(code.httpStatus(), new DpsErrorBody(code.code(), UUID.randomUUID().toString(), message, clock.instant()).toJson(),
                retryAfterSeconds);
    }

    private static JsonObject json(OperationStatus operation) {
        return RegistrationOperationStatus.of(operation.operationId(), operation.status(),
                operation.registrationState().map(ServiceJson::result)).toJson();
    }

    private ProvisioningService service() {
        ProvisioningService service = dps.get();
        if (service == null) {
            throw new DpsException(DpsErrorCode.SERVICE_UNAVAILABLE, "the simulator is still starting");
        }
        return service;
    }

    /** What goes back on the response topic. */
    private record Answer(int status, JsonObject body, OptionalInt retryAfterSeconds) {
        /** Whether DPS served the call: only such an answer is damaged by a {@code malformed-answer} fault, as over HTTPS. */
        boolean served() {
            return status < 300;
        }
    }
}
