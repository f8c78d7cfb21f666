package dev.dpsrig.features.steps;

import dev.dpsrig.certs.KeyType;
import dev.dpsrig.hil.board.BoardState;
import dev.dpsrig.protocol.RegistrationStatus;
import io.cucumber.java.ParameterType;
import java.util.Locale;

/** The domain's words as step parameters. */
public final class ParameterTypes {

    @ParameterType("unassigned|assigning|assigned|failed|disabled")
    public RegistrationStatus status(String name) {
        return RegistrationStatus.fromWire(name);
    }

    @ParameterType("EC P-256|RSA 2048|RSA 4096|EC|RSA")
    public KeyType keyType(String name) {
        return switch (name) {
            case "EC", "EC P-256" -> KeyType.EC_P256;
            case "RSA", "RSA 2048" -> KeyType.RSA_2048;
            default -> KeyType.RSA_4096;
        };
    }

    @ParameterType("off|booted|provisioned|broken")
    public BoardState boardState(String name) {
        return BoardState.valueOf(name.toUpperCase(Locale.ROOT));
    }

    @ParameterType(BoardCredential.WORDS)
    public BoardCredential boardCredential(String words) {
        return BoardCredential.of(words);
    }
}
