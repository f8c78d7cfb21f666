package dev.dpsrig.hil.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.dpsrig.hil.DigitalInput;
import dev.dpsrig.hil.DigitalLine;
import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The rig's GPIO lines, addressed by BCM number, over one Pi4J context. Each pin is claimed once: a
 * second claim is refused naming both claimants, because two drivers fighting over a relay is the
 * kind of fault that otherwise shows up as a flaky board. Closing releases every line, leaving each
 * output at the level it was claimed with, or as last set for one claimed with {@link #outputLeftAsSet}.
 */
public final class Gpio implements AutoCloseable {
    private final GpioPlatform platform;
    private final Pi4jContexts.Opened pi4j;
    private final Clock clock;
    private final RigListener listener;
    private final Map<Integer, String> claimants = new HashMap<>();
    private final Map<Integer, Pi4jInput> inputs = new HashMap<>();
    private final Map<Integer, DigitalLine> lines = new HashMap<>();

    private Gpio(GpioPlatform platform, Pi4jContexts.Opened pi4j, Clock clock, RigListener listener) {
        this.platform = platform;
        this.pi4j = pi4j;
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts Pi4J on {@code platform}; every line change is reported to {@code listener}. */
    public static Gpio open(GpioPlatform platform, Clock clock, RigListener listener) {
        quietPi4j(platform);
        return new Gpio(platform, Pi4jContexts.open(platform), clock, listener);
    }

    /**
     * Pi4J logs its start-up at INFO, and on the mock platform ERRORs that the machine is no Raspberry Pi;
     * none of that helps someone reading a table or a scenario's output. Its board detection says the same
     * on any machine that is no Raspberry Pi whatever the platform, and dpsrig addresses pins by BCM number
     * without it. DPSRIG_DEBUG or a level set beforehand keeps it.
     */
    private static void quietPi4j(GpioPlatform platform) {
        quiet("com.pi4j", platform == GpioPlatform.MOCK ? "off" : "warn");
        quiet("com.pi4j.boardinfo", "off");
    }

    private static void quiet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getenv("DPSRIG_DEBUG") == null && System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    public GpioPlatform platform() {
        return platform;
    }

    /**
     * Claims {@code pin} as an output for {@code board}'s line {@code name}, driven to {@code initialHigh} at once;
     * releasing it drives it back to that level.
     */
    public synchronized DigitalOutput output(String board, String name, int pin, boolean initialHigh) {
        return output(board, name, pin, initialHigh, DigitalState.getState(initialHigh));
    }

    /**
     * Claims {@code pin} as an output, driven to {@code initialHigh} at once, that keeps the level it was last
     * set to when the rig releases it (Pi4J is given no shutdown level), for a command that switches a line
     * and exits. What the pin does once the process has let go of it is up to the GPIO driver.
     */
    public synchronized DigitalOutput outputLeftAsSet(String board, String name, int pin, boolean initialHigh) {
        return output(board, name, pin, initialHigh, DigitalState.UNKNOWN);
    }

    private DigitalOutput output(String board, String name, int pin, boolean initialHigh, DigitalState shutdown) {
        claim(board, name, pin);
        Context context = pi4j.context();
        try {
            com.pi4j.io.gpio.digital.DigitalOutput line = context.create(com.pi4j.io.gpio.digital.DigitalOutput.newConfigBuilder(context)
                    .id(id(pin)).name(board + " " + name).address(pin)
                    .initial(DigitalState.getState(initialHigh)).shutdown(shutdown)
                    .provider(pi4j.outputProvider())
                    .build());
            Pi4jOutput output = new Pi4jOutput(board, name, pin, line, clock, listener);
            lines.put(pin, output);
            return output;
        } catch (RuntimeException e) {
            claimants.remove(pin);
            throw new RigException("could not claim GPIO " + pin + " as output '" + name + "' of " + board + ": " + e.getMessage(), e);
        }
    }

    /** Claims {@code pin} as an input for {@code board}'s line {@code name}. */
    public synchronized DigitalInput input(String board, String name, int pin) {
        claim(board, name, pin);
        Context context = pi4j.context();
        try {
            com.pi4j.io.gpio.digital.DigitalInput line = context.create(com.pi4j.io.gpio.digital.DigitalInput.newConfigBuilder(context)
                    .id(id(pin)).name(board + " " + name).address(pin)
                    .provider(pi4j.inputProvider())
                    .build());
            Pi4jInput input = new Pi4jInput(board, name, pin, line, clock, listener);
            inputs.put(pin, input);
            lines.put(pin, input);
            return input;
        } catch (RuntimeException e) {
            claimants.remove(pin);
            throw new RigException("could not claim GPIO " + pin + " as input '" + name + "' of " + board + ": " + e.getMessage(), e);
        }
    }

    /**
     * The line claimed on {@code pin}, e.g. for a virtual board to watch the power relay the rig drives.
     */
    public synchronized DigitalLine line(int pin) {
        DigitalLine line = lines.get(pin);
        if (line == null) {
            throw new RigException("GPIO " + pin + " is not claimed");
        }
        return line;
    }

    /**
     * Sets the level a claimed input reads on the mock platform, as the wire from a virtual board
     * would; the input's listeners fire. Refused on real pins, which only the board can drive.
     */
    public synchronized void driveMockInput(int pin, boolean high) {
        if (platform != GpioPlatform.MOCK) {
            throw new RigException("GPIO " + pin + " is a real pin; only the mock platform lets the rig drive an input");
        }
        Pi4jInput input = inputs.get(pin);
        if (input == null) {
            throw new RigException("GPIO " + pin + " is not claimed as an input" + (claimants.containsKey(pin)
                    ? " (it is " + claimants.get(pin) + ")" : ""));
        }
        ((MockDigitalInput) input.line()).mockState(DigitalState.getState(high));
    }

    @Override
    public synchronized void close() {
        try {
            inputs.values().forEach(Pi4jInput::close);
        } finally {
            inputs.clear();
            lines.clear();
            claimants.clear();
            pi4j.context().shutdown();
        }
    }

    private void claim(String board, String name, int pin) {
        if (pin < 0) {
            throw new RigException("GPIO " + pin + " for " + board + " " + name + " is not a pin number");
        }
        String claimant = board + " " + name;
        String earlier = claimants.putIfAbsent(pin, claimant);
        if (earlier != null) {
            throw new RigException("GPIO " + pin + " is already claimed by " + earlier + "; " + claimant + " cannot claim it too");
        }
    }

    private static String id(int pin) {
        return "gpio-" + pin;
    }
}
