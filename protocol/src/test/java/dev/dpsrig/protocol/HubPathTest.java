package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubPathTest {

    @Nested
    class Events {
        @Test
        void deviceEvents() {
            assertThat(HubPath.parse("/devices/device-01/messages/events"))
                    .contains(new HubPath.Events("device-01", Optional.empty()));
        }

        @Test
        void moduleEvents() {
            assertThat(HubPath.parse("/devices/device-01/modules/filter/messages/events"))
                    .contains(new HubPath.Events("device-01", Optional.of("filter")));
        }

        @Test
        void trailingSlashAndDoubledSlashesAreIgnored() {
            assertThat(HubPath.parse("/devices/device-01/messages/events/"))
                    .contains(new HubPath.Events("device-01", Optional.empty()));
            assertThat(HubPath.parse("//devices//device-01//messages//events"))
                    .contains(new HubPath.Events("device-01", Optional.empty()));
        }

        /** The C client percent-encodes device ids; a plus is a plus in a path, not a space. */
        @Test
        void segmentsArePercentDecodedOneByOne() {
            assertThat(HubPath.parse("/devices/dev%3A01%2Fa+b%20c/messages/events"))
                    .contains(new HubPath.Events("dev:01/a+b c", Optional.empty()));
        }

        @Test
        void malformedPercentEscapeIsAnError() {
            assertThatThrownBy(() -> HubPath.parse("/devices/dev%zz/messages/events"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class CloudToDevice {
        @ParameterizedTest
        @ValueSource(strings = {"deviceBound", "devicebound", "DEVICEBOUND", "DeviceBound"})
        void receiveInAnyCase(String segment) {
            assertThat(HubPath.parse("/devices/device-01/messages/" + segment))
                    .contains(new HubPath.DeviceBound("device-01"));
        }

        @Test
        void settleNamesTheLockToken() {
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/6a0b5c1e-lock"))
                    .contains(new HubPath.Settle("device-01", "6a0b5c1e-lock"));
            assertThat(HubPath.parse("/devices/device-01/messages/devicebound/6a0b5c1e-lock"))
                    .contains(new HubPath.Settle("device-01", "6a0b5c1e-lock"));
        }

        @Test
        void quotesAroundTheLockTokenAreDropped() {
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/%226a0b5c1e-lock%22"))
                    .contains(new HubPath.Settle("device-01", "6a0b5c1e-lock"));
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/%22tok%22/abandon"))
                    .contains(new HubPath.Abandon("device-01", "tok"));
        }

        @Test
        void aLoneQuoteIsKeptAsItIs() {
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/%22"))
                    .contains(new HubPath.Settle("device-01", "\""));
        }

        @Test
        void abandon() {
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/tok/abandon"))
                    .contains(new HubPath.Abandon("device-01", "tok"));
        }

        @Test
        void anythingElseAfterTheLockTokenIsNotAnApi() {
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/tok/complete")).isEmpty();
            assertThat(HubPath.parse("/devices/device-01/messages/deviceBound/tok/abandon/again")).isEmpty();
        }

        @Test
        void deviceIdOfEachFormIsTheSecondSegment() {
            assertThat(HubPath.parse("/devices/a%2Fb/messages/deviceBound/tok")).map(HubPath::deviceId).contains("a/b");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/devices", "/devices/device-01", "/devices/device-01/messages",
            "/devices/device-01/twin", "/devices/device-01/messages/outbox", "/devices/device-01/files/notifications",
            "/devices/device-01/modules/filter/messages/deviceBound", "/devices/device-01/modules/filter/messages",
            "/0ne00000001/registrations/device-01/register", "/things/device-01/messages/events",
            "/devices/device-01/messages/events/extra"})
    void pathsOutsideTheDeviceApi(String path) {
        assertThat(HubPath.parse(path)).isEmpty();
    }
}
