package dev.dpsrig.simulator.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceBoundQueueTest {
    private static final String DEVICE = "device-01";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final CloudToDeviceSettings SETTINGS = CloudToDeviceSettings.AZURE_DEFAULTS;

    private final List<Settlement> settled = new ArrayList<>();
    private final DeviceBoundQueue queue = new DeviceBoundQueue(DEVICE, SETTINGS, List.of());
    private long sequence;

    @Nested
    class Receive {
        @Test
        void emptyQueueHasNothing() {
            assertThat(queue.receive(T0, settled::add)).isEmpty();
            assertThat(queue.isEmpty()).isTrue();
        }

        @Test
        void oldestMessageComesFirstUnderALockForTheLockTimeout() {
            CloudToDeviceMessage first = enqueue("first");
            enqueue("second");

            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            assertThat(delivery.message()).isEqualTo(first);
            assertThat(delivery.deliveryCount()).isZero();
            assertThat(delivery.lockedUntil()).isEqualTo(T0.plus(SETTINGS.lockTimeout()));
            assertThat(delivery.lockToken()).isNotBlank();
            assertThat(queue.entries().getFirst().lockedAt(T0)).isTrue();
        }

        @Test
        void lockedMessageIsSkipped() {
            enqueue("first");
            CloudToDeviceMessage second = enqueue("second");
            queue.receive(T0, settled::add);

            assertThat(queue.receive(T0, settled::add)).map(Delivery::message).contains(second);
            assertThat(queue.receive(T0, settled::add)).isEmpty();
        }

        @Test
        void lapsedLockMakesItVisibleAgainWithTheSameDeliveryCountAndANewToken() {
            CloudToDeviceMessage message = enqueue("slow");
            Delivery first = queue.receive(T0, settled::add).orElseThrow();
            Instant lapsed = first.lockedUntil();

            assertThat(queue.receive(lapsed.minusMillis(1), settled::add)).isEmpty();
            Delivery again = queue.receive(lapsed, settled::add).orElseThrow();

            assertThat(again.message()).isEqualTo(message);
            assertThat(again.deliveryCount()).isZero();
            assertThat(again.lockToken()).isNotEqualTo(first.lockToken());
            assertThat(settled).isEmpty();
        }

        @Test
        void aReleasedLockLapsesAtOnceTheMessageFirstAgainItsDeliveryCountUnchangedAndItsTokenStale() {
            CloudToDeviceMessage message = enqueue("unacknowledged");
            enqueue("next");
            Delivery first = queue.receive(T0, settled::add).orElseThrow();

            queue.release(first.lockToken(), T0.plusSeconds(1));

            Delivery again = queue.receive(T0.plusSeconds(1), settled::add).orElseThrow();
            assertThat(again.message()).isEqualTo(message);
            assertThat(again.deliveryCount()).isZero();
            assertThatThrownBy(() -> queue.complete(first.lockToken(), T0.plusSeconds(1)))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.DEVICE_MESSAGE_LOCK_LOST));
            queue.release(first.lockToken(), T0.plusSeconds(2));
            assertThat(queue.complete(again.lockToken(), T0.plusSeconds(2)).message()).as("a stale token releases nothing").isEqualTo(message);
        }

        @Test
        void lockTimeoutComesFromTheSettings() {
            DeviceBoundQueue shortLocks = new DeviceBoundQueue(DEVICE, SETTINGS.withLockTimeout(Duration.ofSeconds(5)), List.of());
            shortLocks.enqueue(message("m", Duration.ofHours(1)), T0, settled::add);

            assertThat(shortLocks.receive(T0, settled::add).orElseThrow().lockedUntil()).isEqualTo(T0.plusSeconds(5));
        }
    }

    @Nested
    class Settle {
        @Test
        void completeTakesTheMessageOut() {
            CloudToDeviceMessage message = enqueue("done");
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            Settlement settlement = queue.complete(delivery.lockToken(), T0.plusSeconds(1));

            assertThat(settlement.message()).isEqualTo(message);
            assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
            assertThat(settlement.deliveryCount()).isZero();
            assertThat(settlement.at()).isEqualTo(T0.plusSeconds(1));
            assertThat(queue.isEmpty()).isTrue();
        }

        @Test
        void rejectTakesTheMessageOut() {
            enqueue("no");
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            assertThat(queue.reject(delivery.lockToken(), T0).outcome()).isEqualTo(Settlement.Outcome.REJECTED);
            assertThat(queue.isEmpty()).isTrue();
        }

        @Test
        void abandonCountsADeliveryAndMakesItVisibleAtOnce() {
            CloudToDeviceMessage message = enqueue("again");
            enqueue("later");
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            assertThat(queue.abandon(delivery.lockToken(), T0)).isEmpty();

            Delivery redelivered = queue.receive(T0, settled::add).orElseThrow();
            assertThat(redelivered.message()).isEqualTo(message);
            assertThat(redelivered.deliveryCount()).isEqualTo(1);
        }

        @Test
        void abandonedAsOftenAsTheMaximumDeliveryCountItIsDeadLettered() {
            DeviceBoundQueue threeTries = new DeviceBoundQueue(DEVICE,
                    new CloudToDeviceSettings(Duration.ofMinutes(1), 3, 50, Duration.ofHours(1), Duration.ofDays(2)), List.of());
            CloudToDeviceMessage message = message("poison", Duration.ofHours(1));
            threeTries.enqueue(message, T0, settled::add);

            assertThat(threeTries.abandon(threeTries.receive(T0, settled::add).orElseThrow().lockToken(), T0)).isEmpty();
            assertThat(threeTries.abandon(threeTries.receive(T0, settled::add).orElseThrow().lockToken(), T0)).isEmpty();
            Delivery third = threeTries.receive(T0, settled::add).orElseThrow();
            assertThat(third.deliveryCount()).isEqualTo(2);
            Optional<Settlement> deadLettered = threeTries.abandon(third.lockToken(), T0);

            assertThat(deadLettered).hasValueSatisfying(settlement -> {
                assertThat(settlement.message()).isEqualTo(message);
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.DELIVERY_COUNT_EXCEEDED);
                assertThat(settlement.deliveryCount()).isEqualTo(3);
            });
            assertThat(threeTries.isEmpty()).isTrue();
        }

        @Test
        void unknownOrSettledLockTokenIsLost() {
            enqueue("once");
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();
            queue.complete(delivery.lockToken(), T0);

            assertLockLost(() -> queue.complete(delivery.lockToken(), T0), "holds no message of '" + DEVICE + "'");
            assertLockLost(() -> queue.reject("never-issued", T0), "cannot reject: lock token 'never-issued'");
            assertLockLost(() -> queue.abandon("never-issued", T0), "cannot abandon");
        }

        @Test
        void lapsedLockCannotSettle() {
            enqueue("slow");
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            assertLockLost(() -> queue.complete(delivery.lockToken(), delivery.lockedUntil()), "its lock expired at "
                    + delivery.lockedUntil());
            assertThat(queue.entries()).hasSize(1);
        }

        @Test
        void oldTokenIsLostOnceTheMessageIsReceivedAgain() {
            enqueue("slow");
            Delivery first = queue.receive(T0, settled::add).orElseThrow();
            Delivery second = queue.receive(first.lockedUntil(), settled::add).orElseThrow();

            assertLockLost(() -> queue.complete(first.lockToken(), first.lockedUntil()), "holds no message");
            assertThat(queue.complete(second.lockToken(), first.lockedUntil()).outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
        }

        @Test
        void tokenSettlesOnlyItsOwnMessage() {
            CloudToDeviceMessage first = enqueue("first");
            CloudToDeviceMessage second = enqueue("second");
            Delivery firstDelivery = queue.receive(T0, settled::add).orElseThrow();
            Delivery secondDelivery = queue.receive(T0, settled::add).orElseThrow();

            assertThat(queue.complete(secondDelivery.lockToken(), T0).message()).isEqualTo(second);
            assertThat(queue.entries()).extracting(QueueEntry::message).containsExactly(first);
            assertThat(queue.complete(firstDelivery.lockToken(), T0).message()).isEqualTo(first);
        }
    }

    @Nested
    class Limits {
        @Test
        void queueHoldsAtMostTheMaximumDepthLockedOrNot() {
            for (int i = 0; i < SETTINGS.maxQueueDepth(); i++) {
                enqueue("m" + i);
            }
            queue.receive(T0, settled::add);

            assertThatThrownBy(() -> enqueue("one too many"))
                    .isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED))
                    .hasMessageContaining("the cloud-to-device queue of '" + DEVICE + "' already holds 50 messages");
            assertThat(queue.entries()).hasSize(50);
        }

        @Test
        void expiredMessageIsDroppedWhenItsTimeToLiveRunsOut() {
            CloudToDeviceMessage stale = message("stale", Duration.ofMinutes(5));
            queue.enqueue(stale, T0, settled::add);
            CloudToDeviceMessage fresh = enqueue("fresh");

            assertThat(queue.receive(T0.plus(Duration.ofMinutes(5)), settled::add)).map(Delivery::message).contains(fresh);

            assertThat(settled).singleElement().satisfies(settlement -> {
                assertThat(settlement.message()).isEqualTo(stale);
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.EXPIRED);
                assertThat(settlement.at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            });
        }

        @Test
        void lockedMessageExpiresToo() {
            CloudToDeviceMessage stale = message("stale", Duration.ofSeconds(30));
            queue.enqueue(stale, T0, settled::add);
            Delivery delivery = queue.receive(T0, settled::add).orElseThrow();

            assertThat(queue.receive(T0.plusSeconds(30), settled::add)).isEmpty();
            assertThat(settled).extracting(Settlement::outcome).containsExactly(Settlement.Outcome.EXPIRED);
            assertLockLost(() -> queue.complete(delivery.lockToken(), T0.plusSeconds(31)), "holds no message");
        }

        @Test
        void expiredMessagesMakeRoomForNewOnes() {
            for (int i = 0; i < SETTINGS.maxQueueDepth(); i++) {
                queue.enqueue(message("short-lived " + i, Duration.ofMinutes(1)), T0, settled::add);
            }

            queue.enqueue(message("new", Duration.ofHours(1)), T0.plus(Duration.ofMinutes(1)), settled::add);

            assertThat(queue.entries()).hasSize(1);
            assertThat(settled).hasSize(50).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(Settlement.Outcome.EXPIRED));
        }
    }

    @Test
    void restoredEntriesKeepTheirLocksAndDeliveryCounts() {
        CloudToDeviceMessage locked = message("locked", Duration.ofHours(1));
        CloudToDeviceMessage visible = message("visible", Duration.ofHours(1));
        DeviceBoundQueue restored = new DeviceBoundQueue(DEVICE, SETTINGS, List.of(
                new QueueEntry(locked, 2, Optional.of("token-1"), T0.plusSeconds(30)),
                new QueueEntry(visible, 0, Optional.empty(), Instant.EPOCH)));

        assertThat(restored.receive(T0, settled::add)).map(Delivery::message).contains(visible);
        assertThat(restored.complete("token-1", T0.plusSeconds(10)))
                .satisfies(settlement -> assertThat(settlement.deliveryCount()).isEqualTo(2));
    }

    private CloudToDeviceMessage enqueue(String body) {
        CloudToDeviceMessage message = message(body, SETTINGS.defaultTimeToLive());
        queue.enqueue(message, T0, settled::add);
        return message;
    }

    private CloudToDeviceMessage message(String body, Duration timeToLive) {
        return new CloudToDeviceMessage(++sequence, DEVICE, body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), T0,
                T0.plus(timeToLive));
    }

    private static void assertLockLost(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messageFragment) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(HubException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.DEVICE_MESSAGE_LOCK_LOST))
                .hasMessageContaining(messageFragment);
    }
}
