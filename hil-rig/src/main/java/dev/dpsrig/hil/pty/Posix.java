package dev.dpsrig.hil.pty;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.dpsrig.hil.RigException;

/** The C library, loaded once, and the numbers that differ between Linux and macOS. */
final class Posix {
    static final int O_RDWR = 2;
    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int FD_CLOEXEC = 1;
    static final int TCSANOW = 0;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int EINTR = 4;
    static final int EIO = 5;

    final LibC c;
    final int noCtty;
    final int nonBlock;
    final int eAgain;

    private Posix(LibC c, int noCtty, int nonBlock, int eAgain) {
        this.c = c;
        this.noCtty = noCtty;
        this.nonBlock = nonBlock;
        this.eAgain = eAgain;
    }

    private static Posix loaded;

    /** The C library of this system, or a {@link RigException} saying pseudo-terminals need Linux or macOS. */
    static Posix get() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.startsWith("Linux") && !os.startsWith("Mac")) {
            throw new RigException("pseudo-terminals need Linux or macOS; this is " + os
                    + " (use a real serial line, or run the virtual board on Linux or macOS)");
        }
        synchronized (Posix.class) {
            if (loaded == null) {
                loaded = load();
            }
            return loaded;
        }
    }

    private static Posix load() {
        LibC c;
        try {
            c = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (LinkageError e) {
            throw new RigException("could not load the C library through JNA to open a pseudo-terminal: " + e.getMessage(), e);
        }
        return Platform.isMac()
                ? new Posix(c, 0x20000, 0x4, 35)
                : new Posix(c, 0x100, 0x800, 11);
    }
}
