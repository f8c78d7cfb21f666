package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.dps.DeviceRegistration;
import dev.dpsrig.protocol.dps.DpsPaths;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The DPS device API over HTTPS: {@code PUT /{idScope}/registrations/{id}/register} and
 * {@code GET .../operations/{operationId}}, a symmetric-key device signing a SAS token into each
 * request's {@code Authorization}, an X.509 device presenting its certificate on the session's one
 * connection.
 */
public final class HttpsProvisioningLink implements ProvisioningLink {
    /** A SAS token for DPS lives this long; the SDKs use an hour or a day. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final DpsEndpoint endpoint;
    private final DeviceTransport transport;
    private final Clock clock;

    public HttpsProvisioningLink(DpsEndpoint endpoint, DeviceTransport transport, Clock clock) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public Session open(DeviceAttestation attestation) {
        return new HttpsSession(attestation, transport.session(attestation.clientCertificate()));
    }

    @Override
    public boolean hasAnswered(String endpoint) {
        return transport.hasAnswered(endpoint);
    }

    private final class HttpsSession implements Session {
        private final DeviceAttestation attestation;
        private final DeviceTransport.Session session;

        HttpsSession(DeviceAttestation attestation, DeviceTransport.Session session) {
            this.attestation = attestation;
            this.session = session;
        }

        @Override
        public Answer register(DeviceRegistration registration, Duration timeout) throws DeviceTransport.TransportFailure {
            byte[] body = registration.toJson().toString().getBytes(StandardCharsets.UTF_8);
            return answer(session.exchange(Method.PUT, url(DpsPaths.REGISTER.expand(endpoint.idScope(), id())), headers(),
                    Optional.of(body), Optional.of(MediaTypes.APPLICATION_JSON), timeout));
        }

        @Override
        public Answer operationStatus(String operationId, Duration timeout) throws DeviceTransport.TransportFailure {
            return answer(session.exchange(Method.GET, url(DpsPaths.OPERATION_LOOKUP.expand(endpoint.idScope(), id(), operationId)),
                    headers(), Optional.empty(), Optional.empty(), timeout));
        }

        @Override
        public void close() {
            session.close();
        }

        private String id() {
            return attestation.registrationId();
        }

        private String url(String path) {
            return "https://" + endpoint.globalEndpoint() + path + "?api-version=" + endpoint.apiVersion();
        }

        private Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "application/json");
            headers.put("Content-Encoding", "utf-8");
            if (attestation instanceof DeviceAttestation.SymmetricKey symmetric) {
                headers.put("Authorization", SasToken.sign(DpsPaths.tokenResource(endpoint.idScope(), id()), symmetric.signer(),
                        clock.instant().plus(TOKEN_LIFETIME), Optional.of("registration")).toAuthorizationHeader());
            }
            return headers;
        }

        private static Answer answer(DeviceTransport.Answer answer) {
            return new Answer(answer.status(), answer.retryAfter(), answer.text(),
                    Optional.ofNullable(answer.headers().get("x-ms-request-id")));
        }
    }
}
