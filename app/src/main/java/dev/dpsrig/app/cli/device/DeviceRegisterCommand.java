package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register one device with DPS (over HTTPS, or MQTT with --transport): register, then poll the"
                + " operation until it ends, retrying"
                + " throttling, server errors, timeouts and dropped connections within --deadline. A DPS that cannot be"
                + " reached at all (connection refused before it ever answered, unknown host) ends it at once.",
                "Prints each step as it happens, then the final registrationState as JSON."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                "0:assigned",
                "1:unexpected error",
                "2:usage error: bad or missing options, unreadable credentials",
                "3:the registration ended 'failed'",
                "4:the registration ended 'disabled'",
                "5:DPS refused the request (400, 401, 404 ...: wrong key, unknown enrollment)",
                "6:the deadline (--deadline) passed while retrying or polling",
                ExitCodes.UNREACHABLE_LINE})
final class DeviceRegisterCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceOptions options;

    @Mixin
    private TransportOption transport;

    @Override
    public Integer call() throws InterruptedException {
        RetryPolicy policy = options.policy();
        DeviceAttestation attestation = options.attestation(Optional.empty());
        DpsEndpoint endpoint = options.endpoint();
        Timeline timeline = DeviceCommand.printing(spec.commandLine().getOut());
        try (DeviceTransport https = new DeviceTransport(endpoint.trustedRoots())) {
            RegistrationResult result = new ProvisioningClient(endpoint, transport.provisioning(options, endpoint, https), policy,
                    Clock.systemUTC(), Waiter.SLEEPING)
                    .register(attestation, options.payload(), timeline, new SplittableRandom());
            JsonOutput.print(spec, result.registrationState());
            return ExitCodes.OK;
        } catch (ProvisioningException e) {
            return DeviceCommand.report(spec, options, e);
        }
    }
}
