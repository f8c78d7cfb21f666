package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.device.DpsEndpoint;
import java.util.Optional;

/** Whom a device's SAS token is for, and so its {@code sr} and policy: DPS for one registration, or a hub for one device. */
sealed interface SasAudience {
    /** The host a request for this audience goes to. */
    String host();

    String tokenResource();

    Optional<String> tokenPolicy();

    /** DPS, for one registration id: {@code sr} = {@code {idScope}/registrations/{registrationId}}, policy {@code registration}. */
    record Dps(DpsEndpoint endpoint, String registrationId) implements SasAudience {
        @Override
        public String host() {
            return endpoint.globalEndpoint();
        }

        @Override
        public String tokenResource() {
            return endpoint.idScope() + "/registrations/" + registrationId;
        }

        @Override
        public Optional<String> tokenPolicy() {
            return Optional.of("registration");
        }
    }

    /** The hub at {@code host}, for one device, with a token naming the hub {@code tokenHost}: {@code sr} = {@code {tokenHost}/devices/{deviceId}}. */
    record Hub(String host, String tokenHost, String deviceId) implements SasAudience {
        @Override
        public String tokenResource() {
            return tokenHost + "/devices/" + deviceId;
        }

        @Override
        public Optional<String> tokenPolicy() {
            return Optional.empty();
        }
    }
}
