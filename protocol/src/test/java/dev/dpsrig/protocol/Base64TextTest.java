package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base64TextTest {

    @Test
    void decodesBase64() {
        assertThat(Base64Text.decode("ZHBzcmln", "the key")).asString().isEqualTo("dpsrig");
    }

    @Test
    void aKeyWithASpaceNamesTheCharacterAndItsPositionNotJavasHexCode() {
        assertThatThrownBy(() -> Base64Text.decode("ZHBz cmln", "the symmetric key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the symmetric key is not base64: character ' ' at position 5")
                .hasMessageNotContaining("Illegal base64 character");
    }

    @Test
    void invisibleCharactersAreShownByCodePoint() {
        assertThatThrownBy(() -> Base64Text.decode("ZHBz\tcmln", "the key")).hasMessage("the key is not base64: character U+0009 at position 5");
    }

    @Test
    void aWrongLengthOrPaddingIsSaidInWords() {
        assertThatThrownBy(() -> Base64Text.decode("ZHBzc", "the key"))
                .hasMessage("the key is not base64: 5 characters, not a whole number of base64 groups (a multiple of 4, '=' padded)");
        assertThatThrownBy(() -> Base64Text.decode("ZH=zcmln", "the key")).hasMessage("the key is not base64: '=' at position 3 is not at the end");
    }
}
