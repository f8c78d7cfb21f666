package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static dev.dpsrig.simulator.http.HubAssertions.assertNoContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud-to-device messages end to end: queued through the in-process API, received, completed,
 * abandoned and rejected with the real curl over HTTPS the way the device SDKs do it, with a clock
 * the test moves to run locks and time to live out.
 */
class CloudToDeviceIT {
    private static final String DEVICE = "c2d-device";
    private static final Duration LOCK = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private LocalSimulator simulator;
    private SimulatedHub hub;
    private HubClient hubClient;
    private HubDevices.Provisioned device;
    private List<String> credentials;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).clock(clock).build());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        device = new HubDevices(simulator, dir).symmetricKey(DEVICE);
        credentials = device.hubCredentials();
        hubClient = new HubClient(simulator, dir, device.assignedHub());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class Receive {
        @Test
        void queuedMessageArrivesWithBodyQuotedEtagAndHeadersInTheCaseClientsLookFor() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("color", "red");
            properties.put("Priority", "high");
            CloudToDeviceMessage queued = hub.sendToDevice(DEVICE, bytes("{\"command\": \"reboot\"}"), properties,
                    Map.of(MessageProperty.MESSAGE_ID, "c2d-1", MessageProperty.CORRELATION_ID, "corr-1",
                            MessageProperty.CONTENT_TYPE, "application/json", MessageProperty.CONTENT_ENCODING, "utf-8",
                            MessageProperty.ACK, "full"),
                    Optional.empty());

            CurlResponse received = hubClient.receive(DEVICE, credentials);

            String context = DpsClient.describe(received);
            assertThat(received.status()).as(context).isEqualTo(200);
            assertThat(received.body()).isEqualTo("{\"command\": \"reboot\"}");
            assertThat(received.headerInExactCase("ETag")).as(context).hasValueSatisfying(etag -> assertThat(etag).matches("\"[^\"]+\""));
            assertThat(received.headerInExactCase("iothub-messageid")).as(context).contains("c2d-1");
            assertThat(received.headerInExactCase("iothub-correlationid")).as(context).contains("corr-1");
            assertThat(received.headerInExactCase("iothub-ack")).as(context).contains("full");
            assertThat(received.headerInExactCase("iothub-deliverycount")).as(context).contains("0");
            assertThat(received.headerInExactCase("iothub-sequencenumber")).as(context).contains(Long.toString(queued.sequenceNumber()));
            assertThat(received.headerInExactCase("iothub-enqueuedtime")).as(context).contains(DpsTimestamps.format(clock.instant()));
            assertThat(received.headerInExactCase("iothub-expiry")).as(context)
                    .contains(DpsTimestamps.format(clock.instant().plus(Duration.ofHours(1))));
            assertThat(received.headerInExactCase("iothub-to")).as(context).contains("/devices/" + DEVICE + "/messages/deviceBound");
            assertThat(received.headerInExactCase("iothub-app-color")).as(context).contains("red");
            assertThat(received.headerInExactCase("iothub-app-Priority")).as(context).contains("high");
            assertThat(received.headerInExactCase("ContentType")).as(context).contains("application/json");
            assertThat(received.headerInExactCase("ContentEncoding")).as(context).contains("utf-8");

            QueuedMessage locked = hub.deviceBound(DEVICE).getFirst();
            assertThat(locked.message()).isEqualTo(queued);
            assertThat(locked.lockedUntil()).contains(clock.instant().plus(LOCK));
        }

        @Test
        void messageWithoutContentTypeHasNoContentTypeHeaders() {
            hub.sendToDevice(DEVICE, bytes("plain"), Map.of(), Map.of(), Optional.empty());

            CurlResponse received = hubClient.receive(DEVICE, credentials);

            assertThat(received.status()).isEqualTo(200);
            assertThat(received.header("ContentType")).isEmpty();
            assertThat(received.header("ContentEncoding")).isEmpty();
            assertThat(received.header("iothub-messageid")).isEmpty();
        }

        @Test
        void emptyQueueAnswers204() {
            assertNoContent(hubClient.receive(DEVICE, credentials));

            hub.sendToDevice(DEVICE, bytes("one"), Map.of(), Map.of(), Optional.empty());
            CurlResponse received = hubClient.receive(DEVICE, credentials);
            assertThat(received.status()).isEqualTo(200);
            assertNoContent(hubClient.complete(DEVICE, HubClient.lockToken(received), credentials));

            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        @Test
        void lowerCaseDevicebound() {
            hub.sendToDevice(DEVICE, bytes("lower"), Map.of(), Map.of(), Optional.empty());

            CurlResponse received = hubClient.request("GET", "/devices/" + DEVICE + "/messages/devicebound", credentials);
            assertThat(received.status()).as(DpsClient.describe(received)).isEqualTo(200);
            assertThat(received.body()).isEqualTo("lower");

            assertNoContent(hubClient.request("DELETE", "/devices/" + DEVICE + "/messages/devicebound/" + HubClient.lockToken(received),
                    credentials));
            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertThat(hub.settlements()).extracting(Settlement::outcome).containsExactly(Settlement.Outcome.COMPLETED);
        }

        @Test
        void lockedMessageIsSkippedAndTheNextOneDelivered() {
            hub.sendToDevice(DEVICE, bytes("first"), Map.of(), Map.of(), Optional.empty());
            hub.sendToDevice(DEVICE, bytes("second"), Map.of(), Map.of(), Optional.empty());

            CurlResponse first = hubClient.receive(DEVICE, credentials);
            CurlResponse second = hubClient.receive(DEVICE, credentials);

            assertThat(first.body()).isEqualTo("first");
            assertThat(second.body()).isEqualTo("second");
            assertThat(HubClient.lockToken(first)).isNotEqualTo(HubClient.lockToken(second));
            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        @Test
        void receiveNeedsTheDevicesOwnCredentials() {
            hub.sendToDevice(DEVICE, bytes("secret"), Map.of(), Map.of(), Optional.empty());
            HubDevices.Provisioned other = new HubDevices(simulator, dir).symmetricKey("other-device");

            assertHubError(hubClient.receive(DEVICE, List.of()), 401, "IotHubUnauthorizedAccess", 401002,
                    "no Authorization header and no client certificate");
            assertHubError(hubClient.receive(DEVICE, other.hubCredentials()), 401, "IotHubUnauthorizedAccess", 401002,
                    "not for device '" + DEVICE + "'");
            assertHubError(hubClient.receive("ghost-device", credentials), 401, "IotHubUnauthorized", 401003,
                    "does not contain the specified device 'ghost-device'");

            assertThat(hub.deviceBound(DEVICE)).singleElement()
                    .satisfies(queued -> assertThat(queued.lockedUntil()).as("still visible").isEmpty());
            assertNoContent(hubClient.receive("other-device", other.hubCredentials()));
        }
    }

    @Nested
    class Settle {
        @Test
        void completeRemovesTheMessage() {
            CloudToDeviceMessage queued = hub.sendToDevice(DEVICE, bytes("done"), Map.of(), Map.of(), Optional.empty());
            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));

            assertNoContent(hubClient.complete(DEVICE, lockToken, credentials));

            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertThat(hub.settlements()).singleElement().satisfies(settlement -> {
                assertThat(settlement.message()).isEqualTo(queued);
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
                assertThat(settlement.deliveryCount()).isZero();
            });
            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        /** Some clients put the ETag into the path with its quotes. */
        @Test
        void completeWithTheQuotedEtagInThePath() {
            hub.sendToDevice(DEVICE, bytes("quoted"), Map.of(), Map.of(), Optional.empty());
            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));

            assertNoContent(hubClient.complete(DEVICE, "%22" + lockToken + "%22", credentials));

            assertThat(hub.deviceBound(DEVICE)).isEmpty();
        }

        @Test
        void abandonReturnsItWithOneMoreDelivery() {
            hub.sendToDevice(DEVICE, bytes("again"), Map.of(), Map.of(), Optional.empty());
            CurlResponse first = hubClient.receive(DEVICE, credentials);

            assertNoContent(hubClient.abandon(DEVICE, HubClient.lockToken(first), credentials));

            assertThat(hub.deviceBound(DEVICE)).singleElement().satisfies(queued -> {
                assertThat(queued.deliveryCount()).isEqualTo(1);
                assertThat(queued.lockedUntil()).isEmpty();
            });
            CurlResponse second = hubClient.receive(DEVICE, credentials);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("again");
            assertThat(second.headerInExactCase("iothub-deliverycount")).contains("1");
            assertThat(HubClient.lockToken(second)).isNotEqualTo(HubClient.lockToken(first));
            assertThat(hub.settlements()).isEmpty();
        }

        @Test
        void rejectDeadLettersIt() {
            hub.sendToDevice(DEVICE, bytes("no"), Map.of(), Map.of(), Optional.empty());
            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));

            assertNoContent(hubClient.reject(DEVICE, lockToken, credentials));

            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertThat(hub.settlements()).extracting(Settlement::outcome).containsExactly(Settlement.Outcome.REJECTED);
            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        @Test
        void settledLockTokenIsLost() {
            hub.sendToDevice(DEVICE, bytes("once"), Map.of(), Map.of(), Optional.empty());
            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));
            assertNoContent(hubClient.complete(DEVICE, lockToken, credentials));

            assertHubError(hubClient.complete(DEVICE, lockToken, credentials), 412, "DeviceMessageLockLost", 412002,
                    "lock token '" + lockToken + "' holds no message of '" + DEVICE + "'");
            assertHubError(hubClient.abandon(DEVICE, lockToken, credentials), 412, "DeviceMessageLockLost", 412002,
                    "cannot abandon");
            assertHubError(hubClient.reject(DEVICE, lockToken, credentials), 412, "DeviceMessageLockLost", 412002,
                    "cannot reject");
            assertThat(hub.settlements()).hasSize(1);
        }

        @Test
        void unknownLockTokenIsLostAndTheLockedMessageStaysLocked() {
            hub.sendToDevice(DEVICE, bytes("kept"), Map.of(), Map.of(), Optional.empty());
            hubClient.receive(DEVICE, credentials);

            assertHubError(hubClient.complete(DEVICE, "00000000-0000-0000-0000-000000000000", credentials), 412,
                    "DeviceMessageLockLost", 412002, "holds no message");

            assertThat(hub.deviceBound(DEVICE)).singleElement()
                    .satisfies(queued -> assertThat(queued.lockedUntil()).isPresent());
        }

        @Test
        void anotherDeviceCannotSettleThisDevicesMessage() {
            hub.sendToDevice(DEVICE, bytes("mine"), Map.of(), Map.of(), Optional.empty());
            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));
            HubDevices.Provisioned other = new HubDevices(simulator, dir).symmetricKey("other-device");

            assertHubError(hubClient.complete(DEVICE, lockToken, other.hubCredentials()), 401, "IotHubUnauthorizedAccess",
                    401002, "not for device '" + DEVICE + "'");
            assertHubError(hubClient.complete("other-device", lockToken, other.hubCredentials()), 412, "DeviceMessageLockLost",
                    412002, "holds no message of 'other-device'");
            assertHubError(hubClient.complete(DEVICE, lockToken, List.of()), 401, "IotHubUnauthorizedAccess", 401002,
                    "no Authorization header");

            assertThat(hub.deviceBound(DEVICE)).hasSize(1);
            assertNoContent(hubClient.complete(DEVICE, lockToken, credentials));
        }
    }

    @Nested
    class LocksAndLimits {
        @Test
        void expiredLockMakesTheMessageVisibleAgainWithTheSameDeliveryCount() {
            hub.sendToDevice(DEVICE, bytes("slow"), Map.of(), Map.of(), Optional.empty());
            CurlResponse first = hubClient.receive(DEVICE, credentials);
            String oldToken = HubClient.lockToken(first);

            clock.advance(LOCK.minusSeconds(1));
            assertNoContent(hubClient.receive(DEVICE, credentials));
            clock.advance(Duration.ofSeconds(2));

            assertHubError(hubClient.complete(DEVICE, oldToken, credentials), 412, "DeviceMessageLockLost", 412002,
                    "its lock expired at");
            CurlResponse again = hubClient.receive(DEVICE, credentials);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo("slow");
            assertThat(again.headerInExactCase("iothub-deliverycount")).contains("0");
            assertThat(again.headerInExactCase("iothub-sequencenumber")).isEqualTo(first.headerInExactCase("iothub-sequencenumber"));
            String newToken = HubClient.lockToken(again);
            assertThat(newToken).isNotEqualTo(oldToken);
            assertHubError(hubClient.complete(DEVICE, oldToken, credentials), 412, "DeviceMessageLockLost", 412002,
                    "holds no message");
            assertNoContent(hubClient.complete(DEVICE, newToken, credentials));
            assertThat(hub.settlements()).extracting(Settlement::outcome, Settlement::deliveryCount)
                    .containsExactly(tuple(Settlement.Outcome.COMPLETED, 0));
        }

        @Test
        void abandonedAsOftenAsTheMaximumDeliveryCountItIsDeadLettered() {
            hub.sendToDevice(DEVICE, bytes("poison"), Map.of(), Map.of(), Optional.empty());

            for (int delivery = 0; delivery < 10; delivery++) {
                CurlResponse received = hubClient.receive(DEVICE, credentials);
                assertThat(received.status()).as("delivery " + delivery).isEqualTo(200);
                assertThat(received.headerInExactCase("iothub-deliverycount")).contains(Integer.toString(delivery));
                assertNoContent(hubClient.abandon(DEVICE, HubClient.lockToken(received), credentials));
            }

            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertThat(hub.settlements()).singleElement().satisfies(settlement -> {
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.DELIVERY_COUNT_EXCEEDED);
                assertThat(settlement.deliveryCount()).isEqualTo(10);
            });
            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        @Test
        void fiftyFirstQueuedMessageIsRefused() {
            for (int i = 1; i <= 50; i++) {
                hub.sendToDevice(DEVICE, bytes("message " + i), Map.of(), Map.of(), Optional.empty());
            }

            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, bytes("message 51"), Map.of(), Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(HubErrorCode.DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED))
                    .hasMessageContaining("already holds 50 messages");
            assertThat(hub.deviceBound(DEVICE)).hasSize(50);

            String lockToken = HubClient.lockToken(hubClient.receive(DEVICE, credentials));
            assertNoContent(hubClient.complete(DEVICE, lockToken, credentials));
            hub.sendToDevice(DEVICE, bytes("message 51"), Map.of(), Map.of(), Optional.empty());
            assertThat(hub.deviceBound(DEVICE)).hasSize(50);
        }

        @Test
        void timeToLiveRunningOutDropsTheMessage() {
            CloudToDeviceMessage queued = hub.sendToDevice(DEVICE, bytes("stale"), Map.of(), Map.of(),
                    Optional.of(Duration.ofMinutes(5)));
            assertThat(queued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

            clock.advance(Duration.ofMinutes(5));

            assertNoContent(hubClient.receive(DEVICE, credentials));
            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertThat(hub.settlements()).singleElement().satisfies(settlement -> {
                assertThat(settlement.message()).isEqualTo(queued);
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.EXPIRED);
            });
        }

        @Test
        void timeToLiveBeyondTwoDaysIsRefused() {
            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, bytes("x"), Map.of(), Map.of(), Optional.of(Duration.ofDays(3))))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.ARGUMENT_INVALID));
            assertThat(hub.deviceBound(DEVICE)).isEmpty();
        }

        @Test
        void messageOver64KiBIsRefused() {
            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, new byte[64 * 1024 + 1], Map.of(), Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.MESSAGE_TOO_LARGE));
            hub.sendToDevice(DEVICE, new byte[64 * 1024], Map.of(), Map.of(), Optional.empty());
            assertThat(hub.deviceBound(DEVICE)).hasSize(1);
        }

        /** Such a message would be locked by every receive and answered with a 500, never delivered. */
        @Test
        void propertiesThatCannotTravelAsHttpHeadersAreRefusedWhenQueued() {
            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, bytes("x"), Map.of("two words", "v"), Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.ARGUMENT_INVALID))
                    .hasMessageContaining("application property 'two words'");
            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, bytes("x"), Map.of("unit", "°C"), Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.ARGUMENT_INVALID))
                    .hasMessageContaining("application property 'unit' = '°C'");
            assertThatThrownBy(() -> hub.sendToDevice(DEVICE, bytes("x"), Map.of(),
                    Map.of(MessageProperty.MESSAGE_ID, "line\nbreak"), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.ARGUMENT_INVALID))
                    .hasMessageContaining("messageId");

            assertThat(hub.deviceBound(DEVICE)).isEmpty();
            assertNoContent(hubClient.receive(DEVICE, credentials));
        }

        @Test
        void messageForADeviceTheHubDoesNotKnowIsRefused() {
            assertThatThrownBy(() -> hub.sendToDevice("ghost-device", bytes("x"), Map.of(), Map.of(), Optional.empty()))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.DEVICE_NOT_FOUND));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
