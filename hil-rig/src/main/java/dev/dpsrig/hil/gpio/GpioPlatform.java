package dev.dpsrig.hil.gpio;

/** Where a rig's GPIO lines live: Pi4J's in-memory mock (CI, virtual boards) or the machine's real pins. */
public enum GpioPlatform {
    /** Pi4J's mock provider: outputs remember their level, inputs are driven by {@link Gpio#driveMockInput}. */
    MOCK,
    /** The Pi4J plugins found on the class path of a Raspberry Pi or similar board. */
    PI4J
}
