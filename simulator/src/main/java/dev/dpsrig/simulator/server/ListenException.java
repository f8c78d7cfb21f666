package dev.dpsrig.simulator.server;

import java.io.IOException;
import java.util.Locale;

/**
 * The simulator could not listen where its layout says, and why, in words a user can act on: a port
 * below 1024 without the privilege to bind it, an address taken by another process, or a loopback
 * address the system does not have.
 */
public final class ListenException extends IllegalStateException {
    /** What stands in the way. */
    public enum Reason { NEEDS_PRIVILEGE, IN_USE, NO_SUCH_ADDRESS, OTHER }

    private final String address;
    private final Reason reason;

    ListenException(String address, String what, IOException cause) {
        super(message(address, what, reason(cause), cause), cause);
        this.address = address;
        this.reason = reason(cause);
    }

    public String address() {
        return address;
    }

    public Reason reason() {
        return reason;
    }

    private static Reason reason(IOException cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("permission denied")) {
            return Reason.NEEDS_PRIVILEGE;
        }
        if (message.contains("already in use")) {
            return Reason.IN_USE;
        }
        if (message.contains("cannot assign requested address") || message.contains("can't assign requested address")) {
            return Reason.NO_SUCH_ADDRESS;
        }
        return Reason.OTHER;
    }

    private static String message(String address, String what, Reason reason, IOException cause) {
        String base = "cannot listen on " + address + " for the " + what + ": ";
        return base + switch (reason) {
            case NEEDS_PRIVILEGE -> "ports below 1024 need root, CAP_NET_BIND_SERVICE"
                    + " (sudo setcap cap_net_bind_service=+ep \"$(readlink -f \"$JAVA_HOME/bin/java\")\")"
                    + " or sysctl net.ipv4.ip_unprivileged_port_start=443";
            case IN_USE -> "another process (another `dpsrig serve`?) already listens there";
            case NO_SUCH_ADDRESS -> "this system has no such address (on macOS add loopback aliases:"
                    + " sudo ifconfig lo0 alias 127.0.0.2 up)";
            case OTHER -> cause.getMessage();
        };
    }
}
