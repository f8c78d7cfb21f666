package dev.dpsrig.app.archfixture;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/** Breaks the JNA rule on purpose: native code reached outside dev.dpsrig.hil.pty. */
public final class UsesJnaOutsidePty {
    int lastError() {
        return Platform.isLinux() ? Native.getLastError() : 0;
    }
}
