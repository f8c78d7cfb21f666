package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SasTokenException;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What a device presented: the SAS token of its Authorization header, else its TLS client chain. */
final class RequestCredentials {
    private RequestCredentials() {
    }

    static DeviceCredentials of(ServerRequest request) {
        return of(request, DpsException::unauthorized);
    }

    /** @param refusal turns the reason an Authorization header cannot be parsed into the answer */
    static DeviceCredentials of(ServerRequest request, Function<String, RuntimeException> refusal) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            try {
                return new DeviceCredentials.Sas(SasToken.parse(authorization.get()));
            } catch (SasTokenException e) {
                throw refusal.apply(e.getMessage());
            }
        }
        List<X509Certificate> chain = clientChain(request);
        return chain.isEmpty() ? new DeviceCredentials.None() : new DeviceCredentials.ClientCertificate(chain);
    }

    static List<X509Certificate> clientChain(ServerRequest request) {
        Optional<Certificate[]> presented = request.remotePeer().tlsCertificates();
        List<X509Certificate> chain = new ArrayList<>();
        presented.ifPresent(certificates -> {
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        });
        return chain;
    }
}
