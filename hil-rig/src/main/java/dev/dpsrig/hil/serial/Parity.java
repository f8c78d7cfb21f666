package dev.dpsrig.hil.serial;

public enum Parity {
    NONE, ODD, EVEN, MARK, SPACE
}
