package dev.dpsrig.hil.tethered;

import java.util.List;

/** One request frame: {@code >seq COMMAND args…*CRC}. */
public record TetheredRequest(int sequence, Command command, List<String> arguments) {

    public TetheredRequest {
        arguments = List.copyOf(arguments);
        if (arguments.size() != command.arguments()) {
            throw new IllegalArgumentException(command.word() + " takes " + command.arguments() + " argument(s), not " + arguments);
        }
    }
}
