package dev.dpsrig.app.cli.dps.enrollment;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/** An option value from a fixed list, spelled as {@code az} spells it and matched without regard to case. */
interface CliChoice {
    String cliName();

    static <E extends Enum<E> & CliChoice> E parse(Class<E> type, String value) {
        E[] choices = type.getEnumConstants();
        return Arrays.stream(choices).filter(choice -> choice.cliName().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                        + Arrays.stream(choices).map(CliChoice::cliName).collect(Collectors.joining(", "))));
    }
}
