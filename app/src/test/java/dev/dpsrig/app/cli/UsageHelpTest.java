package dev.dpsrig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The usage help of every command in the tree, as {@code --help} prints it, says what its source says. */
class UsageHelpTest {
    /** What picocli leaves where it interpolated a variable it does not know. */
    private static final Pattern SWALLOWED_PLACEHOLDER = Pattern.compile("\\bnull\\b");

    static Stream<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(Dpsrig.commandLine(), all);
        return all.stream();
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    @Test
    void theTreeHoldsEveryModulesCommands() {
        assertThat(everyCommand().map(c -> c.getCommandSpec().qualifiedName()))
                .contains("dpsrig fleet run", "dpsrig certs show", "dpsrig rig check", "dpsrig serve", "dpsrig test")
                .hasSizeGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void helpShowsNoSwallowedPlaceholder(CommandLine command) {
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help).as(command.getCommandSpec().qualifiedName()).isNotBlank().doesNotContainPattern(SWALLOWED_PLACEHOLDER);
    }

    @Test
    void fleetRunsPayloadHelpShowsItsTemplatePlaceholdersLiterally() {
        CommandLine fleetRun = Dpsrig.commandLine().getSubcommands().get("fleet").getSubcommands().get("run");

        assertThat(fleetRun.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " "))
                .contains("Message body with ${deviceId}, ${index}, ${sequence}, ${time}, ${random:LOW:HIGH}.");
    }
}
