package dev.dpsrig.simulator.json;

import dev.dpsrig.protocol.hub.CloudToDeviceView;
import dev.dpsrig.protocol.hub.DeviceMessageView;
import dev.dpsrig.protocol.hub.MessageBody;
import dev.dpsrig.protocol.hub.MessageProperties;
import dev.dpsrig.protocol.hub.QueuedMessageView;
import dev.dpsrig.protocol.hub.SettlementView;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.Settlement;
import java.util.Optional;

/**
 * The simulated hubs' messages as the protocol's views: what the inspection API shows of them, and
 * the form in which a message log keeps a device-to-cloud message (the view without the body's text).
 */
public final class HubViews {
    private HubViews() {
    }

    /** A device-to-cloud message with its body only, as a message log keeps it. */
    public static DeviceMessageView kept(DeviceMessage message) {
        return new DeviceMessageView(message.sequenceNumber(), message.hub(), message.deviceId(), message.moduleId(),
                message.enqueuedTime(), message.authMethod(), new MessageProperties(message.properties(), message.systemProperties()),
                new MessageBody(message.body()), Optional.empty());
    }

    /** A device-to-cloud message as the inspection API shows it: its body as text as well, when it is UTF-8. */
    public static DeviceMessageView shown(DeviceMessage message) {
        return kept(message).showingText();
    }

    /** The message a view holds, as the hub accepted it. */
    public static DeviceMessage message(DeviceMessageView view) {
        return new DeviceMessage(view.sequenceNumber(), view.hub(), view.deviceId(), view.moduleId(), view.body().bytes(),
                view.properties().application(), view.properties().system(), view.authMethod(), view.enqueuedTime());
    }

    public static CloudToDeviceView shown(CloudToDeviceMessage message) {
        MessageBody body = new MessageBody(message.body());
        return new CloudToDeviceView(message.sequenceNumber(), message.deviceId(), message.enqueuedTime(), message.expiresAt(),
                new MessageProperties(message.properties(), message.systemProperties()), body, body.text());
    }

    public static QueuedMessageView shown(QueuedMessage queued) {
        return new QueuedMessageView(shown(queued.message()), queued.deliveryCount(), queued.lockedUntil());
    }

    public static SettlementView shown(Settlement settlement) {
        return new SettlementView(shown(settlement.message()), SettlementView.Outcome.valueOf(settlement.outcome().name()),
                settlement.deliveryCount(), settlement.at());
    }
}
