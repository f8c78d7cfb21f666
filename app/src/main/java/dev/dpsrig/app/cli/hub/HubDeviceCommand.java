package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.OutputOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "device", mixinStandardHelpOptions = true,
        description = "The device identities DPS created in the hubs.",
        subcommands = {
                HubDeviceCommand.ListDevices.class,
                HubDeviceCommand.ShowDevice.class,
                HubDeviceCommand.EnableDevice.class,
                HubDeviceCommand.DisableDevice.class
        })
final class HubDeviceCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: list, show, enable or disable");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every device identity (with its hub's name in \"hub\") as a JSON array.")
    static final class ListDevices implements Callable<Integer> {
        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOptions output;

        @Mixin
        private HubSelection selection;

        @Override
        public Integer call() {
            try (ServiceApiClient client = connection.client()) {
                JsonArrayBuilder all = Jsonp.createArrayBuilder();
                for (String hub : selection.hubs(client)) {
                    client.hubDevices(hub).forEach(device -> all.add(Jsonp.createObjectBuilder(device.asJsonObject()).add("hub", hub)));
                }
                output.print(all.build());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print one device identity: authentication, status, messages received, cloud-to-device queue.")
    static final class ShowDevice implements Callable<Integer> {
        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOptions output;

        @Mixin
        private HubSelection selection;

        @Option(names = {"--device", "--device-id", "-d"}, required = true, paramLabel = "ID", description = "The device id.")
        private String deviceId;

        @Override
        public Integer call() {
            try (ServiceApiClient client = connection.client()) {
                String hub = selection.hubOf(client, deviceId);
                output.print(Jsonp.createObjectBuilder(client.hubDevice(hub, deviceId)).add("hub", hub).build());
            }
            return 0;
        }
    }

    /** Shared by enable and disable. */
    abstract static class SetStatus implements Callable<Integer> {
        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOptions output;

        @Mixin
        private HubSelection selection;

        @Option(names = {"--device", "--device-id", "-d"}, required = true, paramLabel = "ID", description = "The device id.")
        private String deviceId;

        abstract boolean enabled();

        @Override
        public Integer call() {
            try (ServiceApiClient client = connection.client()) {
                output.print(client.setHubDeviceStatus(selection.hubOf(client, deviceId), deviceId, enabled()));
            }
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let the device use the hub again.")
    static final class EnableDevice extends SetStatus {
        @Override
        boolean enabled() {
            return true;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse the device's requests (404 DeviceNotFound, as IoT Hub answers a disabled device over HTTPS).")
    static final class DisableDevice extends SetStatus {
        @Override
        boolean enabled() {
            return false;
        }
    }
}
