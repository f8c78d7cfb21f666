package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.protocol.SasToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A device's one connection to DPS or its hub, kept for as long as it is needed: opened on first use and subscribed to
 * what the device listens on, opened again on the next use after it dropped (the caller's retry policy spaces the
 * attempts), and replaced with one carrying a fresh SAS token before the token in use expires: on the next use after
 * its renewal time, or, for a device idle meanwhile (waiting for cloud-to-device messages), at that time, woken by one
 * scheduler thread shared by every device connection, the reconnecting itself done on a virtual thread of its own.
 * A renewal never cuts a use in progress (a publish waiting for its PUBACK): while one is, the renewal waits for it.
 */
final class DeviceConnection implements AutoCloseable {
    /**
     * Wakes idle connections whose token is due for renewal: one daemon thread for all of them, a cancelled renewal
     * (its connection closed or renewed first) leaving the queue at once rather than when its delay runs out.
     */
    private static final ScheduledThreadPoolExecutor RENEWALS = renewals();
    private static final Duration RENEWAL_TIMEOUT = Duration.ofSeconds(30);
    /** How long a renewal due while the connection is in use waits before looking again. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    /** The CONNECT's credentials, and when they must be renewed by reconnecting (a SAS token's expiry, less a margin). */
    record Login(MqttConnection.Credentials credentials, Optional<Instant> renewBy) {
        /**
         * A symmetric-key device's password is a SAS token for {@code resource} valid for {@code lifetime} from {@code now},
         * renewed after nine tenths of it; an X.509 device has none, its certificate speaking at the handshake.
         */
        static Login of(String clientId, String username, DeviceAttestation attestation, String resource, Optional<String> keyName,
                        Duration lifetime, Instant now) {
            if (attestation instanceof DeviceAttestation.SymmetricKey symmetric) {
                Instant expiry = now.plus(lifetime);
                String token = SasToken.sign(resource, symmetric.signer(), expiry, keyName).toAuthorizationHeader();
                return new Login(new MqttConnection.Credentials(clientId, username, Optional.of(token)),
                        Optional.of(expiry.minus(lifetime.dividedBy(10))));
            }
            return new Login(new MqttConnection.Credentials(clientId, username, Optional.empty()), Optional.empty());
        }
    }

    private final MqttEndpoint endpoint;
    private final Optional<HeldCertificate> identity;
    private final Function<Instant, Login> login;
    private final Optional<String> filter;
    private final MqttConnection.Listener listener;
    private final Set<String> answered;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private MqttConnection connection;
    private Optional<Instant> renewBy = Optional.empty();
    private Optional<ScheduledFuture<?>> renewal = Optional.empty();
    private int usesInProgress;

    /** Something done on the open connection, such as publishing and waiting for the PUBACK. */
    @FunctionalInterface
    interface Use<T> {
        T on(MqttConnection connection) throws IOException;
    }

    /**
     * @param login    the credentials to connect with at a given time
     * @param filter   the topic filter subscribed to on every connection, if any
     * @param answered where the endpoints that accepted a connection are noted
     */
    DeviceConnection(MqttEndpoint endpoint, Optional<HeldCertificate> identity, Function<Instant, Login> login, Optional<String> filter,
                     MqttConnection.Listener listener, Set<String> answered, Clock clock) {
        this.endpoint = endpoint;
        this.identity = identity;
        this.login = login;
        this.filter = filter;
        this.listener = listener;
        this.answered = answered;
        this.clock = clock;
    }

    /**
     * The open connection, connecting when there is none, it dropped or its token is due for renewal.
     *
     * @throws ConnackRefusal when the server refused the CONNECT
     * @throws DeviceTransport.TransportFailure when no connection could be made or it ended before it was ready
     */
    MqttConnection open(Duration timeout) throws ConnackRefusal, DeviceTransport.TransportFailure {
        lock.lock();
        try {
            return openLocked(timeout);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Does {@code use} on the open connection (connecting as {@link #open} does), no renewal replacing that connection
     * until it is done.
     *
     * @throws ConnackRefusal when the server refused the CONNECT
     * @throws IOException    when no connection could be made, or {@code use} failed on it
     */
    <T> T use(Duration timeout, Use<T> use) throws IOException, DeviceTransport.TransportFailure {
        MqttConnection open;
        lock.lock();
        try {
            open = openLocked(timeout);
            usesInProgress++;
        } finally {
            lock.unlock();
        }
        try {
            return use.on(open);
        } finally {
            lock.lock();
            try {
                usesInProgress--;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Reconnects with a fresh token if the connection is still open and still this device's, once no use is in
     * progress on it; a failure waits for the next use.
     */
    private void renew() {
        lock.lock();
        try {
            if (connection != null && connection.isOpen() && usesInProgress > 0) {
                renewal = Optional.of(schedule(BUSY_RETRY));
            } else if (connection != null && connection.isOpen()) {
                // Due now, even if the scheduler woke a moment before the renewal time: the token must not lapse.
                renewBy = Optional.of(clock.instant());
                openLocked(RENEWAL_TIMEOUT);
            }
        } catch (ConnackRefusal | DeviceTransport.TransportFailure e) {
            // The next use connects again, under its caller's retry policy.
        } finally {
            lock.unlock();
        }
    }

    private void scheduleRenewal(Instant now) {
        renewal.ifPresent(due -> due.cancel(false));
        renewal = renewBy.map(at -> schedule(Duration.between(now, at)));
    }

    private ScheduledFuture<?> schedule(Duration delay) {
        return RENEWALS.schedule(() -> Thread.ofVirtual().name("mqtt-renewal").start(this::renew), Math.max(0, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor renewals() {
        ScheduledThreadPoolExecutor renewals = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("mqtt-token-renewal").factory());
        renewals.setRemoveOnCancelPolicy(true);
        return renewals;
    }

    private MqttConnection openLocked(Duration timeout) throws ConnackRefusal, DeviceTransport.TransportFailure {
        Instant now = clock.instant();
        if (connection != null && connection.isOpen() && (usesInProgress > 0 || renewBy.map(now::isBefore).orElse(true))) {
            return connection;
        }
        if (connection != null) {
            connection.close();
        }
        Login next = login.apply(now);
        try {
            MqttConnection opened = MqttConnection.open(endpoint, identity, next.credentials(), timeout, listener);
            answered.add(endpoint.address());
            if (filter.isPresent() && opened.subscribe(filter.get(), timeout) == 0x80) {
                opened.close();
                throw new IOException("the server refused the subscription to " + filter.get());
            }
            connection = opened;
            renewBy = next.renewBy();
            scheduleRenewal(now);
            return opened;
        } catch (ConnackRefusal refusal) {
            throw refusal;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** A failure of this connection, as the device's retry rules read one. */
    DeviceTransport.TransportFailure failure(IOException e) {
        return new DeviceTransport.TransportFailure(endpoint.address(), "MQTT " + endpoint.address() + ": " + reason(e), e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            renewal.ifPresent(due -> due.cancel(false));
            renewal = Optional.empty();
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static String reason(Throwable error) {
        String reason = error.getClass().getSimpleName();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return reason;
    }
}
