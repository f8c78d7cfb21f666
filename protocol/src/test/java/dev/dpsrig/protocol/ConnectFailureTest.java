package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Telling "nothing there" from "something there that did not answer" by the exceptions' types, as the clients report them. */
class ConnectFailureTest {

    @Test
    void refusedAsHelidonAndTheJdkClientReportIt() {
        assertThat(ConnectFailure.of(new UncheckedIOException(new ConnectException("Connection refused"))))
                .contains(ConnectFailure.REFUSED);
        // java.net.http: a ConnectException without a message, caused by one caused by a closed channel.
        assertThat(ConnectFailure.of(new ConnectException().initCause(new ConnectException().initCause(new ClosedChannelException()))))
                .contains(ConnectFailure.REFUSED);
    }

    @Test
    void anUnknownHostWinsOverTheConnectExceptionAroundIt() {
        assertThat(ConnectFailure.of(new UncheckedIOException(new UnknownHostException("no-such-host.invalid"))))
                .contains(ConnectFailure.UNKNOWN_HOST);
        assertThat(ConnectFailure.of(new ConnectException().initCause(new UnresolvedAddressException())))
                .contains(ConnectFailure.UNKNOWN_HOST);
    }

    @Test
    void noRouteToHost() {
        assertThat(ConnectFailure.of(new UncheckedIOException(new NoRouteToHostException("No route to host"))))
                .contains(ConnectFailure.NO_ROUTE);
    }

    @Test
    void timeoutsResetsAndTlsFailuresAreNotConnectFailures() {
        assertThat(ConnectFailure.of(new UncheckedIOException(new SocketTimeoutException("Connect timed out")))).isEmpty();
        // The JDK client's connect timeout is caused by a ConnectException; it is still a timeout.
        assertThat(ConnectFailure.of(new HttpConnectTimeoutException("HTTP connect timed out")
                .initCause(new ConnectException("HTTP connect timed out")))).isEmpty();
        assertThat(ConnectFailure.of(new UncheckedIOException(new SocketException("Connection reset")))).isEmpty();
        assertThat(ConnectFailure.of(new UncheckedIOException(new SSLHandshakeException("PKIX path building failed")))).isEmpty();
        assertThat(ConnectFailure.of(new IOException("closed before the whole answer arrived"))).isEmpty();
        assertThat(ConnectFailure.of(new IllegalStateException("Attempt to call reader() on a closed connection"))).isEmpty();
    }
}
