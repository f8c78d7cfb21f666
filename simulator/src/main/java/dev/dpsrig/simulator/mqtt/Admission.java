package dev.dpsrig.simulator.mqtt;

/** A product's answer to a CONNECT: the session it opens for the client, or why it refuses. */
public sealed interface Admission {
    record Accepted(MqttSession session) implements Admission {
    }

    /** @param reason what the log says, in the words the product's HTTPS endpoint would answer with */
    record Refused(ConnectRefusal refusal, String reason) implements Admission {
    }
}
