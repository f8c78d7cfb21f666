package dev.dpsrig.hil.check;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.tethered.Hello;
import dev.dpsrig.hil.tethered.TetheredLink;

/**
 * Powers a key-holder board on if it is off and asks it HELLO, with the protocol's own timeout and
 * retries; the answer names the board's registration id and attestation.
 */
public final class TetheredProbe implements BoardProbe {

    @Override
    public String probe(Board board) {
        board.console().discardPending();
        if (!board.power().isOn()) {
            board.power().on();
        }
        Hello hello = new TetheredLink(board.console(), board.name(), RigListener.NONE).hello();
        return "HELLO " + hello.registrationId() + " " + hello.attestation().dpsName() + " (protocol " + hello.protocolVersion() + ")";
    }
}
