package dev.dpsrig.simulator.archfixture;

import dev.dpsrig.simulator.store.StateStore;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;

/**
 * Breaks the rule that the DPS domain speaks no JSON on purpose, once for each thing it must not know:
 * a JSON-P value, the web server, and the store that writes the domain to disk.
 */
public final class DomainThatSpeaksJson {
    JsonObject body;
    WebServer server;
    StateStore store;
}
