package dev.dpsrig.certs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Identity material that cannot be read, written or used, with the file it came from (when there is
 * one) and the reason in words a user can act on: {@code device-key.pem: wrong pass phrase}.
 */
public class IdentityException extends RuntimeException {
    private final Path file;
    private final String reason;

    public IdentityException(Path file, String reason) {
        this(file, reason, null);
    }

    public IdentityException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public IdentityException(String reason) {
        this(reason, null);
    }

    public IdentityException(String reason, Throwable cause) {
        super(reason, cause);
        this.file = null;
        this.reason = reason;
    }

    /** The file the material came from or was going to, when the problem concerns a file. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** What was wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
