package dev.dpsrig.simulator.mqtt;

import dev.dpsrig.simulator.log.RequestLog;
import java.util.Optional;

/**
 * A product's MQTT front door whose CONNECTs, PUBLISHes and SUBSCRIBEs go to the {@link RequestLog}, each with the
 * client id (the registration or device id) and what came of it: the CONNACK, the answer's topic (or
 * {@code accepted}, {@code dropped}, {@code refused}), the subscription {@code granted} or {@code refused}.
 */
public final class LoggedFrontDoor implements MqttFrontDoor {
    private final MqttFrontDoor product;
    private final RequestLog log;

    private LoggedFrontDoor(MqttFrontDoor product, RequestLog log) {
        this.product = product;
        this.log = log;
    }

    /** {@code product} logged to {@code log}; {@code product} itself when the log is off. */
    public static MqttFrontDoor of(MqttFrontDoor product, RequestLog log) {
        return log.enabled() ? new LoggedFrontDoor(product, log) : product;
    }

    @Override
    public Admission admit(MqttConnect connect) {
        long start = System.nanoTime();
        Optional<String> id = Optional.of(connect.clientId());
        return switch (product.admit(connect)) {
            case Admission.Refused refused -> {
                log.record("CONNECT", "-", "CONNACK-" + refused.refusal().code(), id, start,
                        Optional.of(refused.refusal() + ": " + refused.reason()));
                yield refused;
            }
            case Admission.Accepted accepted -> {
                log.record("CONNECT", "-", "CONNACK-0", id, start, Optional.empty());
                yield new Admission.Accepted(new LoggedSession(accepted.session(), id), accepted.state());
            }
        };
    }

    /** The session of one admitted client, logged. */
    private final class LoggedSession implements MqttSession {
        private final MqttSession session;
        private final Optional<String> id;

        LoggedSession(MqttSession session, Optional<String> id) {
            this.session = session;
            this.id = id;
        }

        @Override
        public boolean serves(String filter) {
            long start = System.nanoTime();
            boolean served = session.serves(filter);
            log.record("SUBSCRIBE", filter, served ? "granted" : "refused", id, start, Optional.empty());
            return served;
        }

        @Override
        public void received(Publish publish, Replies replies) {
            long start = System.nanoTime();
            String[] answer = {"accepted"};
            try {
                session.received(publish, (topic, payload) -> {
                    answer[0] = topic;
                    replies.publish(topic, payload);
                });
            } catch (ConnectionDropped dropped) {
                answer[0] = "dropped";
                throw dropped;
            } catch (ProtocolViolation violation) {
                answer[0] = "refused";
                throw violation;
            } finally {
                log.record("PUBLISH", publish.topic(), answer[0], id, start, Optional.empty());
            }
        }

        @Override
        public void opened(Outbound outbound) {
            session.opened(outbound);
        }

        @Override
        public void subscribed(String filter) {
            session.subscribed(filter);
        }

        @Override
        public void closed() {
            session.closed();
        }
    }
}
