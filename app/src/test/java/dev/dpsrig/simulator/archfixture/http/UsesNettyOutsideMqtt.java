package dev.dpsrig.simulator.archfixture.http;

import io.netty.buffer.ByteBuf;

/** Breaks the rule that only the MQTT transport uses Netty, on purpose. */
public final class UsesNettyOutsideMqtt {
    ByteBuf packet;
}
