package dev.dpsrig.app.cli.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command's answer is printed: {@code az}'s {@code --output} values. */
public enum OutputFormat {
    /** Indented JSON, as the service answered. */
    JSON,
    /** Indented JSON with colours for a terminal. */
    JSONC,
    /** Columns named after the top-level members of each row; nested objects and arrays left out. */
    TABLE,
    /** The values of each row tab-separated, no headers: for shell scripts. */
    TSV,
    /** Nothing. */
    NONE;

    /** The value as written on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code -o VALUE}, naming the values allowed when it is none of them. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return Arrays.stream(values()).filter(format -> format.cliName().equalsIgnoreCase(value.strip())).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(values()).map(OutputFormat::cliName).collect(Collectors.joining(", "))));
        }
    }
}
