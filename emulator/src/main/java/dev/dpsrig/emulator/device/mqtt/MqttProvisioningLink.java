package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.ProvisioningLink;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import dev.dpsrig.protocol.dps.DpsPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DPS device API over MQTT (over TLS on 8883, or over WebSockets on 443): one connection per registration, its
 * client id the registration id, its user name {@code {idScope}/registrations/{registrationId}/api-version=...}, its
 * password a SAS token for {@code {idScope}/registrations/{registrationId}} ({@code skn=registration}) or none for an
 * X.509 device, which presents its certificate at the handshake. Register and poll are PUBLISHes to
 * {@code $dps/registrations/PUT/iotdps-register/?$rid=} and {@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid=..&operationId=..};
 * the answer comes on {@code $dps/registrations/res/{status}/?$rid=..&retry-after=..}, matched by its {@code $rid}.
 *
 * <p>A refused CONNACK is answered as the HTTPS API answers the same refusal (401 for credentials, 503 while the server
 * is unavailable, 400 otherwise) with the CONNACK's code and meaning as the message, so the state machine gives up or
 * retries as over HTTPS; a dropped connection is a {@link DeviceTransport.TransportFailure}, retried with backoff on a new
 * connection.
 */
public final class MqttProvisioningLink implements ProvisioningLink {
    private static final String ANSWERS = "$dps/registrations/res/";

    private final DpsEndpoint dps;
    private final MqttEndpoint endpoint;
    private final Clock clock;
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    /** @param endpoint where DPS serves MQTT: its {@code dpsMqttEndpoint}, or {@code {global endpoint}:8883} */
    public MqttProvisioningLink(DpsEndpoint dps, MqttEndpoint endpoint, Clock clock) {
        this.dps = dps;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Session open(DeviceAttestation attestation) {
        return new MqttSession(attestation);
    }

    @Override
    public boolean hasAnswered(String address) {
        return answered.contains(address);
    }

    private final class MqttSession implements Session, MqttConnection.Listener {
        private final DeviceAttestation attestation;
        private final DeviceConnection connection;
        private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
        private final AtomicLong requestIds = new AtomicLong();

        MqttSession(DeviceAttestation attestation) {
            this.attestation = attestation;
            this.connection = new DeviceConnection(endpoint, attestation.clientCertificate(), this::login, Optional.of(ANSWERS + "#"), this, answered, clock);
        }

        @Override
        public Answer register(DeviceRegistration registration, Duration timeout) throws DeviceTransport.TransportFailure {
            return request("$dps/registrations/PUT/iotdps-register/?$rid=%s", registration.toJson().toString(), timeout);
        }

        @Override
        public Answer operationStatus(String operationId, Duration timeout) throws DeviceTransport.TransportFailure {
            return request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=%s&operationId="
                    + DpsAnswer.encode(operationId), "", timeout);
        }

        @Override
        public void close() {
            connection.close();
        }

        private Answer request(String topic, String body, Duration timeout) throws DeviceTransport.TransportFailure {
            long start = System.nanoTime();
            String rid = Long.toString(requestIds.incrementAndGet());
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            waiting.put(rid, answer);
            try {
                return connection.use(timeout, open -> {
                    open.publish(topic.formatted(rid), body.getBytes(StandardCharsets.UTF_8), left(timeout, start));
                    return await(answer, left(timeout, start));
                });
            } catch (ConnackRefusal refusal) {
                return DpsAnswer.refused(refusal);
            } catch (IOException e) {
                throw connection.failure(e);
            } finally {
                waiting.remove(rid);
            }
        }

        private DeviceConnection.Login login(Instant now) {
            String id = attestation.registrationId();
            return DeviceConnection.Login.of(id, dps.idScope() + "/registrations/" + id + "/api-version=" + dps.apiVersion(), attestation,
                    DpsPaths.tokenResource(dps.idScope(), id), Optional.of("registration"), MqttEndpoints.TOKEN_LIFETIME, now);
        }

        @Override
        public void message(MqttConnection from, MqttPacket.Publish message) {
            try {
                if (message.packetId().isPresent()) {
                    from.acknowledge(message.packetId().get());
                }
            } catch (IOException e) {
                // The connection ended; the request waiting for this answer hears why.
            }
            DpsAnswer.parse(message.topic(), message.payload()).ifPresent(answer -> {
                CompletableFuture<Answer> request = waiting.get(answer.rid());
                if (request != null) {
                    request.complete(answer.answer());
                }
            });
        }

        @Override
        public void closed(IOException why) {
            waiting.values().forEach(request -> request.completeExceptionally(why));
        }

        private static Answer await(CompletableFuture<Answer> answer, Duration timeout) throws IOException {
            try {
                return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new MqttConnection.MqttTimeout("no answer within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private static Duration left(Duration timeout, long start) {
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }
}
