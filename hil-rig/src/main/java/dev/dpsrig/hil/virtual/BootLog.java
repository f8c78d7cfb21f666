package dev.dpsrig.hil.virtual;

import java.util.ArrayList;
import java.util.List;

/**
 * What a virtual board prints between power-on and starting its firmware: a banner first, a few lines a
 * boot ROM and bootloader would print, and a ready line last. Board profiles match the banner and the
 * ready line with their boot patterns, so both are part of the board's description, not fixed text.
 *
 * @param banner the first line, e.g. {@code Booting dut-1 ...}
 * @param body   the lines in between; {@code {cause}} in them is replaced by why the board booted
 * @param ready  the last line before the firmware runs, e.g. {@code dut-1 ready}
 */
public record BootLog(String banner, List<String> body, String ready) {

    public BootLog {
        body = List.copyOf(body);
    }

    /** The boot log of a small board named {@code name}: {@code Booting <name> ...} to {@code <name> ready}. */
    public static BootLog standard(String name) {
        return new BootLog("Booting " + name + " ...", List.of(
                "rom: reset cause {cause}",
                "boot: flash 4096 KiB, loading app partition",
                "boot: app image verified",
                "uart0: 115200 8N1"), name + " ready");
    }

    public BootLog withBanner(String newBanner) {
        return new BootLog(newBanner, body, ready);
    }

    public BootLog withReady(String newReady) {
        return new BootLog(banner, body, newReady);
    }

    /** The lines in order, for a boot caused by {@code cause} ({@code power-on}, {@code software reset}). */
    public List<String> lines(String cause) {
        List<String> lines = new ArrayList<>();
        lines.add(banner);
        body.forEach(line -> lines.add(line.replace("{cause}", cause)));
        lines.add(ready);
        return List.copyOf(lines);
    }
}
