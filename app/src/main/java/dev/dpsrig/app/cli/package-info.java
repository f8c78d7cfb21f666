/**
 * The {@code dpsrig} command. {@link dev.dpsrig.app.cli.Dpsrig} is the root; each top-level command has a
 * package of its own named after it ({@code serve}, {@code dps}, {@code hub}, {@code device}, ...), and the
 * {@code dps} commands one each below it ({@code dps.enrollment}, {@code dps.benchmark}, ...), so the
 * package tree reads as the command tree. {@code shared} holds what several of them take: option mixins,
 * converters, exit codes and the errors the main turns into them. The certificate and rig commands live
 * with their modules ({@code certs.cli}, {@code hil.cli}).
 */
package dev.dpsrig.app.cli;
