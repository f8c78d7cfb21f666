package dev.dpsrig.simulator.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body whose reads are timed against the body deadline of its {@link ConnectionGuard.Watched connection}. */
final class WatchedBody extends FilterInputStream {
    private final ConnectionGuard.Watched connection;

    WatchedBody(InputStream body, ConnectionGuard.Watched connection) {
        super(body);
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        connection.bodyReadStarted();
        try {
            return in.read();
        } finally {
            connection.bodyReadEnded();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        connection.bodyReadStarted();
        try {
            return in.read(buffer, offset, length);
        } finally {
            connection.bodyReadEnded();
        }
    }

    @Override
    public long skip(long count) throws IOException {
        connection.bodyReadStarted();
        try {
            return in.skip(count);
        } finally {
            connection.bodyReadEnded();
        }
    }
}
