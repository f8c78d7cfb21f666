package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SymmetricKeysTest {
    @Test
    void derivesTheDocumentedGroupDeviceKey() {
        assertThat(SymmetricKeys.deriveDeviceKey(
                "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==",
                "sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6"))
                .isEqualTo("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=");
    }

    @Test
    void generatedKeysAre64RandomBytes() {
        String key = SymmetricKeys.generate();

        assertThat(Base64.getDecoder().decode(key)).hasSize(64);
        assertThat(SymmetricKeys.generate()).isNotEqualTo(key);
        assertThat(SymmetricKeys.problemWith(key)).isEmpty();
    }

    @Test
    void userKeysMustBeBase64Of16To64Bytes() {
        assertThat(SymmetricKeys.problemWith("not*base64")).contains("key is not base64: character '*' at position 4");
        assertThat(SymmetricKeys.problemWith(Base64.getEncoder().encodeToString(new byte[8])))
                .contains("key must be 16 to 64 bytes, this one is 8");
        assertThat(SymmetricKeys.problemWith(Base64.getEncoder().encodeToString(new byte[16]))).isEmpty();
    }
}
