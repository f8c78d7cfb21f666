package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.AttestationKind;

/** A key holder's answer to HELLO: the protocol it speaks, who it is and how it attests. */
public record Hello(int protocolVersion, String registrationId, AttestationKind attestation) {
}
