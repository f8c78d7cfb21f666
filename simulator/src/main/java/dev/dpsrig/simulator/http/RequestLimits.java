package dev.dpsrig.simulator.http;

import io.helidon.webserver.http1.Http1Config;

/**
 * The size of a request's head, which every listener enforces before routing, and so before any
 * authentication or parsing (body limits are per API: {@link ApiFamily}).
 */
final class RequestLimits {
    /**
     * The request line (method, path with query, version): 4 KiB, the default of IIS's {@code maxUrl}
     * and of Helidon. The longest line an SDK sends (a hub settle with a 128-character device id,
     * percent-encoded, a lock token and an api-version) is well under 1 KiB. Longer is 414.
     */
    static final int MAX_REQUEST_LINE = 4096;

    /**
     * All header lines together: 16 KiB, HTTP.sys's {@code MaxRequestBytes} and Helidon's default. A
     * SAS token is about 300 bytes; over HTTPS, IoT Hub application properties travel as headers, and
     * a device that needs more than this sends them in the body. Longer is 400.
     */
    static final int MAX_HEADERS = 16 * 1024;

    private RequestLimits() {
    }

    /** The HTTP/1.1 settings of every listener. */
    static Http1Config http1() {
        return Http1Config.builder()
                .maxPrologueLength(MAX_REQUEST_LINE)
                .maxHeadersSize(MAX_HEADERS)
                .build();
    }
}
