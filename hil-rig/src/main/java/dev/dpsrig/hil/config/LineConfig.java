package dev.dpsrig.hil.config;

/** One GPIO line of a board: its BCM pin and whether its active state is the low level. */
public record LineConfig(int pin, boolean activeLow) { }
