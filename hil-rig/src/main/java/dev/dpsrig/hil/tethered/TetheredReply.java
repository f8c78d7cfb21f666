package dev.dpsrig.hil.tethered;

/** One reply frame: {@code <seq OK payload*CRC} or {@code <seq ERR CODE text*CRC}. */
public sealed interface TetheredReply {

    /** The request's sequence number, or 0 when the board could not read it from a damaged request. */
    int sequence();

    /** Success; the payload is everything after {@code OK }, its shape depends on the command. */
    record Ok(int sequence, String payload) implements TetheredReply {
    }

    record Err(int sequence, ErrorCode code, String text) implements TetheredReply {
    }
}
