package dev.dpsrig.hil.serial;

public enum StopBits {
    ONE, ONE_AND_A_HALF, TWO
}
