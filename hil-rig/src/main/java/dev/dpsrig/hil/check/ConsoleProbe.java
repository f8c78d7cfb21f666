package dev.dpsrig.hil.check;

import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.config.ProbeConfig;

/**
 * Powers a console board on if it is off, sends the profile's probe line and waits for the expected
 * answer. Lines left from before the probe are dropped, so only an answer received now counts.
 */
public final class ConsoleProbe implements BoardProbe {

    @Override
    public String probe(Board board) {
        ProbeConfig probe = board.profile().probe();
        board.console().discardPending();
        if (!board.power().isOn()) {
            board.power().on();
        }
        board.console().sendLine(probe.send());
        ConsoleMatch match = board.console().expect(probe.expect(), probe.timeout());
        return match.line();
    }
}
