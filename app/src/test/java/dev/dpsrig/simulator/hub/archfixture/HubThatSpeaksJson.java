package dev.dpsrig.simulator.hub.archfixture;

import dev.dpsrig.simulator.store.FileMessageLog;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObjectBuilder;

/**
 * Sits in the hub domain's package and breaks the rule that it speaks no JSON on purpose, once for
 * each thing it must not know: a JSON-P builder, the web server's response, and the message log's
 * file form.
 */
public final class HubThatSpeaksJson {
    JsonObjectBuilder message;
    ServerResponse response;
    FileMessageLog log;
}
