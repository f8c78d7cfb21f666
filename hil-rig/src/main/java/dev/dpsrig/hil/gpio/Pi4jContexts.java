package dev.dpsrig.hil.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dev.dpsrig.hil.RigException;

/** Builds the Pi4J context for a {@link GpioPlatform}, and names the providers lines are created with. */
final class Pi4jContexts {
    private Pi4jContexts() {
    }

    record Opened(Context context, String outputProvider, String inputProvider) { }

    static Opened open(GpioPlatform platform) {
        return switch (platform) {
            case MOCK -> new Opened(Pi4J.newContextBuilder()
                    .add(new MockPlatform())
                    .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                    .build(), MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID);
            case PI4J -> real();
        };
    }

    /**
     * Pi4J's auto-detection falls back to its mock plugin when it finds nothing else, and the mock is
     * always on dpsrig's class path: a rig that believes it drives real pins while toggling memory would
     * pass every check, so that case is refused.
     */
    private static Opened real() {
        Context context;
        try {
            context = Pi4J.newContextBuilder().autoDetect().build();
        } catch (RuntimeException e) {
            throw new RigException("gpio: pi4j could not start: " + e.getMessage(), e);
        }
        String output;
        String input;
        try {
            output = context.provider(IOType.DIGITAL_OUTPUT).id();
            input = context.provider(IOType.DIGITAL_INPUT).id();
        } catch (RuntimeException e) {
            context.shutdown();
            throw new NoGpioProviderException("none for digital I/O: " + e.getMessage(), e);
        }
        if (output.startsWith("mock-") || input.startsWith("mock-")) {
            context.shutdown();
            throw new NoGpioProviderException("only Pi4J's mock", null);
        }
        return new Opened(context, output, input);
    }
}
