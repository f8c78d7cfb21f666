package dev.dpsrig.certs.cli;

/** Which CA of a {@link CaDirectory} signs a new certificate. */
enum Signer {
    root(CaDirectory.ROOT),
    intermediate(CaDirectory.INTERMEDIATE);

    final String fileName;

    Signer(String fileName) {
        this.fileName = fileName;
    }
}
