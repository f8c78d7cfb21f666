package dev.dpsrig.simulator.mqtt;

/** The packet ids the server gives its QoS 1 PUBLISHes on one connection: 1 to 65535, then round again (0 is not an id). */
final class PacketIds {
    private static final int MAX = 0xFFFF;
    private int last;

    synchronized int next() {
        last = last == MAX ? 1 : last + 1;
        return last;
    }
}
