package dev.dpsrig.app.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.ListenException.Reason;
import org.junit.jupiter.api.Test;

class ServeLayoutChoiceTest {
    @Test
    void autoSettlesForPortsOnlyWhere443CannotBeHadAtAll() {
        assertThat(ServeCommand.fallsBack(ServeCommand.Layout.AUTO, Reason.NEEDS_PRIVILEGE)).isTrue();
        assertThat(ServeCommand.fallsBack(ServeCommand.Layout.AUTO, Reason.NO_SUCH_ADDRESS)).isTrue();
        assertThat(ServeCommand.fallsBack(ServeCommand.Layout.AUTO, Reason.IN_USE)).isFalse();
        assertThat(ServeCommand.fallsBack(ServeCommand.Layout.AUTO, Reason.OTHER)).isFalse();
    }

    @Test
    void anExplicitSdkLayoutNeverFallsBack() {
        assertThat(ServeCommand.fallsBack(ServeCommand.Layout.SDK, Reason.NEEDS_PRIVILEGE)).isFalse();
    }
}
