/**
 * The {@code dpsrig} command. {@link dev.dpsrig.app.cli.Dpsrig} is the root; each top-level command has a
 * package of its own named after it ({@code serve}, {@code dps}, {@code hub}, {@code device}, ...), and a
 * subcommand gets one below it when it has classes of its own or belongs to the large {@code dps} group
 * ({@code dps.enrollment}, {@code dps.benchmark}, {@code fleet.benchmark}), so the package tree reads as the
 * command tree. {@code shared} holds what several of them take: option mixins, converters, exit codes and
 * the errors the main turns into them. The certificate and rig commands live with their modules
 * ({@code certs.cli}, {@code hil.cli}); the benchmarks' load harness is {@code dev.dpsrig.app.bench}.
 */
package dev.dpsrig.app.cli;
