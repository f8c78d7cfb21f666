package dev.dpsrig.hil.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The C library calls a pseudo-terminal pair needs. The names and signatures are POSIX's, the same on
 * Linux and macOS; the flag and error numbers that differ between the two are in {@link Posix}.
 */
interface LibC extends Library {
    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    /** 0 on success; otherwise an error number (glibc) or -1 with errno set (macOS). */
    int ptsname_r(int fd, byte[] buffer, NativeLong length);

    /** {@code termios} is opaque here: its layout differs between systems, and only the C library touches it. */
    int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    void cfmakeraw(Pointer termios);

    int tcsetattr(int fd, int when, Pointer termios) throws LastErrorException;

    int fcntl(int fd, int command, int argument) throws LastErrorException;

    /** {@code fds} points at {@code count} {@code struct pollfd}s: int fd, short events, short revents. */
    int poll(Pointer fds, int count, int timeoutMillis) throws LastErrorException;

    NativeLong read(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    NativeLong write(int fd, Pointer buffer, NativeLong count) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
