package dev.dpsrig.emulator.device;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.ConnectFailure;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.spi.DnsResolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for emulated devices, on Helidon's WebClient. One transport serves many devices: symmetric-key
 * devices share its keep-alive connections; an X.509 device gets a TLS context of its own for each
 * request (built from its held certificate, cheap since the key manager holds the key directly) on a
 * connection of its own, so thousands of devices can present their certificates without each holding
 * a client, and no device ever reuses another's authenticated connection.
 *
 * <p>A transport remembers which endpoints ({@code host:port}) have answered through it, so that whoever retries
 * can tell a server that went away (a restart) from one that was never there: see {@link #hasAnswered}.
 */
public final class DeviceTransport implements AutoCloseable {
    /** Whether devices share keep-alive connections or each request opens its own, as a device waking up does. */
    public enum ConnectionModel {
        SHARED_POOL, CONNECTION_PER_REQUEST
    }

    /** How much longer than its timeout a whole exchange may take before it is abandoned. */
    private static final Duration TIMEOUT_GRACE = Duration.ofMillis(100);

    private final List<X509Certificate> trustedRoots;
    private final Http1Client client;
    private final ConnectionModel model;
    private final Duration connectTimeout;
    private final ExchangeListener listener;
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    public DeviceTransport(List<X509Certificate> trustedRoots, ConnectionModel model, Duration connectTimeout) {
        this(trustedRoots, model, connectTimeout, ExchangeListener.NONE);
    }

    /** @param listener told of each request and its answer or failure */
    public DeviceTransport(List<X509Certificate> trustedRoots, ConnectionModel model, Duration connectTimeout, ExchangeListener listener) {
        this.trustedRoots = List.copyOf(trustedRoots);
        this.model = model;
        this.connectTimeout = connectTimeout;
        this.listener = listener;
        this.client = Http1Client.builder()
                .tls(tls(trustedRoots.isEmpty() ? TlsContexts.clientTrustingJdkDefaults() : TlsContexts.client(trustedRoots)))
                .dnsResolver(TYPED_DNS)
                .shareConnectionCache(false)
                // Nagle's algorithm would hold small TLS records back for a delayed ACK: tens of ms a request.
                .socketOptions(socket -> socket.tcpNoDelay(true))
                .connectTimeout(connectTimeout)
                .followRedirects(false)
                .build();
    }

    public DeviceTransport(List<X509Certificate> trustedRoots) {
        this(trustedRoots, ConnectionModel.SHARED_POOL, Duration.ofSeconds(10));
    }

    /** An HTTP answer: status, the headers a device reads, body text. */
    public record Answer(int status, Optional<String> retryAfter, Optional<String> etag, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The connection failed, timed out or closed before a whole answer arrived. Whether it is worth retrying is the
     * caller's decision: see {@link RetryPolicy#retries}.
     */
    public static final class TransportFailure extends Exception {
        private final String endpoint;
        private final transient Optional<ConnectFailure> connectFailure;

        /** A failure at {@code endpoint} ({@code host:port}); whether it is a connect failure is read from {@code cause}. */
        public TransportFailure(String endpoint, String message, Throwable cause) {
            super(message, cause);
            this.endpoint = endpoint;
            this.connectFailure = ConnectFailure.of(cause);
        }

        /** Where the request went: {@code host:port}. */
        public String endpoint() {
            return endpoint;
        }

        /**
         * Present when no connection could be opened at all (refused, unknown host, no route); empty when one was
         * (or may have been): a timeout, a reset, a TLS failure, an answer cut short.
         */
        public Optional<ConnectFailure> connectFailure() {
            return connectFailure;
        }
    }

    /**
     * Whether a request to {@code endpoint} ({@code host:port}, as {@link TransportFailure#endpoint} says it) has been
     * answered through this transport.
     */
    public boolean hasAnswered(String endpoint) {
        return answered.contains(endpoint);
    }

    /** The {@code host:port} of an https URL, with the default port spelled out. */
    static String endpoint(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() != null ? uri.getHost() : String.valueOf(uri.getAuthority());
        return host + ":" + (uri.getPort() != -1 ? uri.getPort() : 443);
    }

    /**
     * One request.
     *
     * @param identity an X.509 device's certificate to present, or empty
     */
    public Answer exchange(Method method, String url, Map<String, String> headers, Optional<byte[]> body, Optional<MediaType> contentType,
                           Optional<HeldCertificate> identity, Duration timeout) throws TransportFailure {
        // Helidon's read timeout covers waiting for the answer, not connecting or a TLS handshake that stalls; the
        // exchange runs on a virtual thread of its own so that the whole of it is bounded, and an interrupt closes
        // the socket the abandoned exchange blocks on.
        FutureTask<Answer> task = new FutureTask<>(() -> exchangeNow(method, url, headers, body, contentType, identity, timeout));
        Thread worker = Thread.ofVirtual().name("device-request").start(task);
        try {
            return task.get(timeout.plus(TIMEOUT_GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new TransportFailure(endpoint(url), "no answer within " + timeout.toMillis()
                    + " ms (connecting, TLS handshake or waiting)", e);
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new TransportFailure(endpoint(url), "interrupted", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case TransportFailure failure -> throw new TransportFailure(failure.endpoint(), failure.getMessage(), failure.getCause());
                case RuntimeException unexpected -> throw unexpected;
                case Error error -> throw error;
                default -> throw new TransportFailure(endpoint(url), reason(e.getCause()), e.getCause());
            }
        }
    }

    private Answer exchangeNow(Method method, String url, Map<String, String> headers, Optional<byte[]> body,
                               Optional<MediaType> contentType, Optional<HeldCertificate> identity, Duration timeout)
            throws TransportFailure {
        Http1ClientRequest request = client.method(method).uri(URI.create(url)).readTimeout(timeout);
        identity.ifPresent(held -> request.tls(tls(context(held))));
        if (identity.isPresent() || model == ConnectionModel.CONNECTION_PER_REQUEST) {
            request.keepAlive(false);
        }
        return send(method, url, request, headers, body, contentType);
    }

    /**
     * A few requests in a row on one connection of the device's own, as a device keeps its connection
     * from register to the last poll: an X.509 device then pays one handshake per registration, not one
     * per request. Without an identity (or with a connection per request) it is {@link #exchange}.
     */
    public Session session(Optional<HeldCertificate> identity) {
        if (identity.isEmpty() || model == ConnectionModel.CONNECTION_PER_REQUEST) {
            return new Session(Optional.empty(), identity);
        }
        return new Session(Optional.of(Http1Client.builder()
                .tls(tls(context(identity.get())))
                .dnsResolver(TYPED_DNS)
                .shareConnectionCache(false)
                .socketOptions(socket -> socket.tcpNoDelay(true))
                .connectTimeout(connectTimeout)
                .followRedirects(false)
                .build()), identity);
    }

    /** One device's requests in a row; closing it closes its connection. */
    public final class Session implements AutoCloseable {
        private final Optional<Http1Client> own;
        private final Optional<HeldCertificate> identity;

        private Session(Optional<Http1Client> own, Optional<HeldCertificate> identity) {
            this.own = own;
            this.identity = identity;
        }

        public Answer exchange(Method method, String url, Map<String, String> headers, Optional<byte[]> body,
                               Optional<MediaType> contentType, Duration timeout) throws TransportFailure {
            if (own.isEmpty()) {
                return DeviceTransport.this.exchange(method, url, headers, body, contentType, identity, timeout);
            }
            return send(method, url, own.get().method(method).uri(URI.create(url)).readTimeout(timeout), headers, body, contentType);
        }

        @Override
        public void close() {
            own.ifPresent(Http1Client::closeResource);
        }
    }

    private SSLContext context(HeldCertificate held) {
        return trustedRoots.isEmpty() ? TlsContexts.clientTrustingJdkDefaults(held) : TlsContexts.client(held, trustedRoots);
    }

    private Answer send(Method method, String url, Http1ClientRequest request, Map<String, String> headers, Optional<byte[]> body,
                        Optional<MediaType> contentType) throws TransportFailure {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        contentType.ifPresent(type -> sent.put("Content-Type", type.text()));
        byte[] sentBody = body.orElse(new byte[0]);
        try {
            Answer answer = sendNow(endpoint(url), request, headers, body, contentType);
            answered.add(endpoint(url));
            listener.exchanged(new Exchange(method.text(), url, sent, sentBody, Optional.of(answer), Optional.empty(), Optional.empty()));
            return answer;
        } catch (TransportFailure failure) {
            listener.exchanged(new Exchange(method.text(), url, sent, sentBody, Optional.empty(), Optional.of(failure.getMessage()),
                    failure.connectFailure()));
            throw failure;
        }
    }

    private static Answer sendNow(String endpoint, Http1ClientRequest request, Map<String, String> headers, Optional<byte[]> body,
                                  Optional<MediaType> contentType) throws TransportFailure {
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        contentType.ifPresent(request::contentType);
        try (HttpClientResponse response = body.isPresent() ? request.submit(body.get()) : request.request()) {
            byte[] content = response.entity().hasEntity() ? response.as(byte[].class) : new byte[0];
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().forEach(header -> answerHeaders.put(header.name(), header.get()));
            return new Answer(response.status().code(), response.headers().first(HeaderNames.create("Retry-After")),
                    response.headers().first(HeaderNames.ETAG), answerHeaders, content);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new TransportFailure(endpoint, reason(e), e);
        } catch (RuntimeException e) {
            // Helidon reports timeouts, resets and premature ends of the answer as unchecked exceptions of several kinds.
            throw new TransportFailure(endpoint, reason(e), e);
        }
    }

    /**
     * Helidon's own resolver reports a name that does not resolve as a bare {@link IllegalArgumentException}; this one
     * resolves the same way but keeps the {@link UnknownHostException}, so the failure says what it is.
     */
    private static final DnsResolver TYPED_DNS = new DnsResolver() {
        @Override
        public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
            try {
                InetAddress[] addresses = lookup.filter(InetAddress.getAllByName(hostname));
                if (addresses.length > 0) {
                    return addresses[0];
                }
                throw new UncheckedIOException(new UnknownHostException(hostname + ": no address of the kind looked up"));
            } catch (UnknownHostException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static Tls tls(SSLContext context) {
        return Tls.builder().sslContext(context).build();
    }

    private static String reason(Throwable error) {
        String reason = error.getClass().getSimpleName();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return reason.lines().findFirst().orElse(reason);
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
