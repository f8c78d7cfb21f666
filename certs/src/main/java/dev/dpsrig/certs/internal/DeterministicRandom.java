package dev.dpsrig.certs.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A random stream fully determined by its seed: HMAC-SHA256 in counter mode, keyed with the seed.
 * Used only to make test identities reproducible; never for anything that must be secret.
 */
final class DeterministicRandom extends SecureRandom {
    DeterministicRandom(byte[] seed) {
        super(new CounterModeSpi(seed), null);
    }

    private static final class CounterModeSpi extends SecureRandomSpi {
        private final Mac mac;
        private long counter;
        private final byte[] block = new byte[32];
        private int used = block.length;

        CounterModeSpi(byte[] seed) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(seed.length == 0 ? new byte[1] : seed, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Ignored on purpose: extra seeding would make the stream depend on who calls it.
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    refill();
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] seed = new byte[numBytes];
            engineNextBytes(seed);
            return seed;
        }

        private void refill() {
            long value = counter++;
            for (int i = 7; i >= 0; i--) {
                mac.update((byte) (value >>> (i * 8)));
            }
            try {
                mac.doFinal(block, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            used = 0;
        }
    }
}
