package dev.dpsrig.simulator.mqtt.hub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** What the hub published to a Paho device, in the order it arrived. */
final class Arrivals implements MqttCallback {
    private final BlockingQueue<Arrival> arrived = new LinkedBlockingQueue<>();

    /** One PUBLISH from the hub: its topic, and the message with its QoS and packet id. */
    record Arrival(String topic, MqttMessage message) {
        String body() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    /** The next arrival within {@code timeout}; empty when none came. */
    Optional<Arrival> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.add(new Arrival(topic, message));
    }

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }
}
