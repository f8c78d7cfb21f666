package dev.dpsrig.features.targeting;

/**
 * What the scenarios run against: the in-process simulator, which also offers the controls a real
 * DPS has not (fault rules, quota profiles, hub inspection), or a real Azure DPS.
 */
public sealed interface Target permits Target.LocalSimulator, Target.Azure {
    /** The name {@code dpsrig test --target} takes. */
    String name();

    /** Whether scenarios tagged {@value Targets#SIMULATOR_ONLY_TAG} can run. */
    boolean hasSimulatorControls();

    /** An in-process simulator on free ports, started per scenario. */
    record LocalSimulator() implements Target {
        @Override
        public String name() {
            return "simulator";
        }

        @Override
        public boolean hasSimulatorControls() {
            return true;
        }
    }

    /** A real DPS, reached through its global endpoint and service API. */
    record Azure(AzureSettings settings) implements Target {
        @Override
        public String name() {
            return "azure";
        }

        @Override
        public boolean hasSimulatorControls() {
            return false;
        }
    }
}
