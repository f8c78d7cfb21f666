package dev.dpsrig.simulator.http;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;

/**
 * Takes request bodies as sent, whatever {@code Content-Encoding} says. DPS clients send
 * {@code Content-Encoding: utf-8} (every walkthrough's curl does), which names a charset, not an
 * HTTP content coding; the real service ignores it, and a server that tried to decode it would
 * refuse every such request with 400. Decoding stays "enabled" because Helidon refuses any
 * {@code Content-Encoding} header outright when it is not; every coding is then read as-is.
 * Responses are never encoded.
 */
final class IgnoreRequestContentEncoding implements ContentEncodingContext {
    private final ContentEncodingContextConfig prototype =
            ContentEncodingContextConfig.builder().contentEncodingsDiscoverServices(false).buildPrototype();

    @Override
    public boolean contentEncodingEnabled() {
        return false;
    }

    @Override
    public boolean contentDecodingEnabled() {
        return true;
    }

    @Override
    public boolean contentEncodingSupported(String encodingId) {
        return false;
    }

    @Override
    public boolean contentDecodingSupported(String encodingId) {
        return true;
    }

    @Override
    public ContentEncoder encoder(String encodingId) {
        return ContentEncoder.NO_OP;
    }

    @Override
    public ContentDecoder decoder(String encodingId) {
        return ContentDecoder.NO_OP;
    }

    @Override
    public ContentEncoder encoder(Headers headers) {
        return ContentEncoder.NO_OP;
    }

    @Override
    public ContentEncodingContextConfig prototype() {
        return prototype;
    }
}
