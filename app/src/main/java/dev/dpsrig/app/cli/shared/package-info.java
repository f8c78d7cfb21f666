/**
 * What several commands of the tree take alike, so that the same option reads and fails the same way
 * wherever it appears: option mixins (which DPS to talk to, a device's credentials), converters, the
 * exit codes and the exceptions the main turns into them, and JSON output as {@code az} prints it.
 */
package dev.dpsrig.app.cli.shared;
