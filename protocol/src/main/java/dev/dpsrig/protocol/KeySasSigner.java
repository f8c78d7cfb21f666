package dev.dpsrig.protocol;

/** A SAS signer holding its key; a record, so devices built from the same key compare equal. */
record KeySasSigner(String base64Key) implements SasSigner {

    @Override
    public String sign(String stringToSign) {
        return SasToken.hmac(base64Key, stringToSign);
    }

    @Override
    public String toString() {
        return "SasSigner[key hidden]";
    }
}
