package dev.dpsrig.simulator.http;

import io.helidon.common.socket.SocketOptions;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A listener's socket options that also tell of each accepted connection. {@link SocketOptions} is how the web server
 * lets a listener configure each accepted socket: the hook at accept.
 */
final class CountingSocketOptions implements SocketOptions {
    private final SocketOptions options;
    private final Consumer<SocketChannel> accepted;

    CountingSocketOptions(SocketOptions options, Consumer<SocketChannel> accepted) {
        this.options = options;
        this.accepted = accepted;
    }

    @Override
    public void configureSocket(SocketChannel socket) {
        options.configureSocket(socket);
        accepted.accept(socket);
    }

    @Override
    public void configureSocket(Socket socket) {
        options.configureSocket(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return options.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return options.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return options.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return options.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return options.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return options.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return options.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return options.tcpNoDelay();
    }
}
