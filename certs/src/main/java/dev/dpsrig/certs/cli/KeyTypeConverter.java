package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.KeyType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code ec}, {@code rsa2048}, {@code rsa4096} on the command line. */
final class KeyTypeConverter implements ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
        try {
            return KeyType.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
