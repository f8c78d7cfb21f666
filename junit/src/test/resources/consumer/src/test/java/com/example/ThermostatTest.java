package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dpsrig.junit.DpsrigSimulatorExtension;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import dev.dpsrig.testcontainers.DpsrigContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ThermostatTest {
    @RegisterExtension
    static final DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();

    @Test
    void theSimulatorAnswersOverHttpsWithItsOwnRoot(DevSettingsDocument settings, SSLContext tls) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(settings.dpsBaseUrl()
                    + "/enrollments/thermostat-1?api-version=2021-10-01")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), answer.body());
        }
        assertEquals("dpsrig-hub", settings.hubs().getFirst().name());
    }

    @Test
    void theContainerRunsTheImageOfThisVersion() {
        assertEquals("dpsrig:" + System.getProperty("dpsrig.version"), DpsrigContainer.defaultImage().asCanonicalNameString());
    }
}
