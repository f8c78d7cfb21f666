package dev.dpsrig.simulator.dps;

/** What happens when an assigned device registers again and allocation picks another hub. */
public record ReprovisionPolicy(boolean updateHubAssignment, boolean migrateDeviceData) {
    public static final ReprovisionPolicy DEFAULT = new ReprovisionPolicy(true, true);
}
