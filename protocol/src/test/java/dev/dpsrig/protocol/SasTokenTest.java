package dev.dpsrig.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SasTokenTest {
    private static final String HUB_DEVICE_KEY =
            "18RQk/hOPJR9EbsJlk2j8WA6vWaj/yi+oaYg7zmxfQNdOyMSu+SJ8O7TSlZhDJCYmn4rzEiVKIzNiVAWjLxrGA==";
    private static final String SEED_HUB_TOKEN = "SharedAccessSignature sr=MyExampleHub.azure-devices.net%2Fdevices%2Fmy-symkey-device"
            + "&sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D&se=1663119026";

    @Test
    void reproducesTheWalkthroughsHubTokenFromItsInputs() {
        SasToken token = SasToken.sign("MyExampleHub.azure-devices.net/devices/my-symkey-device", HUB_DEVICE_KEY,
                Instant.ofEpochSecond(1663119026), Optional.empty());

        assertThat(token.toAuthorizationHeader()).isEqualTo(SEED_HUB_TOKEN);
    }

    @Test
    void parsesAndVerifiesTheWalkthroughsHubToken() {
        SasToken token = SasToken.parse(SEED_HUB_TOKEN);

        assertThat(token.signature()).isEqualTo("f+wW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM=");
        assertThat(token.decodedResourceUri()).isEqualTo("MyExampleHub.azure-devices.net/devices/my-symkey-device");
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(1663119026));
        assertThat(token.keyName()).isEmpty();
        assertThat(token.isSignedWith(HUB_DEVICE_KEY)).isTrue();
        assertThat(token.isSignedWith(SymmetricKeys.generate())).isFalse();
    }

    @Test
    void verifiesOverTheResourceUriExactlyAsSent() {
        String key = SymmetricKeys.generate();
        String raw = "0ne00111111/registrations/dev-1";
        String lowerHex = "0ne00111111%2fregistrations%2fdev-1";
        String rawSigned = SasToken.hmac(key, raw + "\n1900000000");
        String lowerSigned = SasToken.hmac(key, lowerHex + "\n1900000000");

        SasToken javaStyle = SasToken.parse("SharedAccessSignature sr=" + raw + "&sig=" + UrlEncoding.quotePlus(rawSigned)
                + "&se=1900000000&skn=");
        SasToken cStyle = SasToken.parse("SharedAccessSignature sr=" + lowerHex + "&sig=" + UrlEncoding.quotePlus(lowerSigned)
                + "&se=1900000000&skn=registration");

        assertThat(javaStyle.isSignedWith(key)).isTrue();
        assertThat(javaStyle.keyName()).contains("");
        assertThat(cStyle.isSignedWith(key)).isTrue();
        assertThat(cStyle.decodedResourceUri()).isEqualTo(raw);
    }

    @Test
    void fieldOrderDoesNotMatter() {
        SasToken token = SasToken.parse("SharedAccessSignature skn=registration&se=1663119026"
                + "&sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D&sr=MyExampleHub.azure-devices.net%2Fdevices%2Fmy-symkey-device");

        assertThat(token.isSignedWith(HUB_DEVICE_KEY)).isTrue();
    }

    @Test
    void malformedTokensSayWhatIsWrong() {
        assertThatThrownBy(() -> SasToken.parse("Bearer abc")).hasMessageContaining("must start with 'SharedAccessSignature '");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&se=1")).hasMessage("SAS token has no sig field");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&se=soon"))
                .hasMessageContaining("se 'soon' is not a whole number");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sr=b&sig=c&se=1")).hasMessage("SAS token has field 'sr' twice");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=%zz&se=1")).hasMessageContaining("bad %-escape");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=abc&se=1").isSignedWith("not base64!"))
                .hasMessage("key is not base64: character ' ' at position 4");
    }

    @Test
    void aSignerElsewhereMakesTheSameTokenAsTheKeyAndSeesTheEncodedStringToSign() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        SasSigner board = stringToSign -> {
            asked.add(stringToSign);
            return SasSigner.withKey(HUB_DEVICE_KEY).sign(stringToSign);
        };

        SasToken token = SasToken.sign("MyExampleHub.azure-devices.net/devices/my-symkey-device", board,
                Instant.ofEpochSecond(1663119026), Optional.empty());

        assertThat(token.toAuthorizationHeader()).isEqualTo(SEED_HUB_TOKEN);
        assertThat(asked).containsExactly("MyExampleHub.azure-devices.net%2Fdevices%2Fmy-symkey-device\n1663119026");
    }

    @Test
    void aSignerAnsweringGarbageIsRefusedWithWhatItSaid() {
        assertThatThrownBy(() -> SasToken.sign("scope/registrations/x", stringToSign -> "bm90IGFuIGhtYWM=",
                Instant.ofEpochSecond(1663119026), Optional.empty()))
                .isInstanceOf(SasTokenException.class)
                .hasMessageContaining("'bm90IGFuIGhtYWM='").hasMessageContaining("not base64 of a 32-byte HMAC-SHA256");
        assertThat(SasSigner.withKey(HUB_DEVICE_KEY)).isEqualTo(SasSigner.withKey(HUB_DEVICE_KEY))
                .hasToString("SasSigner[key hidden]");
    }
}
