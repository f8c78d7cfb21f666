package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetPayloadTemplateTest {
    private static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void theIssuesExampleRendersToJson() {
        PayloadTemplate template = PayloadTemplate.parse(PayloadTemplate.DEFAULT);
        String body = template.render("fleet-000007", 7, 3, TIME, new SplittableRandom(1));
        JsonObject json = Jsonp.createReader(new StringReader(body)).readObject();
        assertThat(json.getString("deviceId")).isEqualTo("fleet-000007");
        assertThat(json.getInt("index")).isEqualTo(7);
        assertThat(json.getInt("seq")).isEqualTo(3);
        assertThat(json.getString("time")).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(json.getInt("temperature")).isBetween(20, 30);
    }

    @Test
    void randomRangesAreInclusiveWholeOrWithTheBoundsDecimals() {
        PayloadTemplate whole = PayloadTemplate.parse("${random:1:3}");
        SplittableRandom random = new SplittableRandom(5);
        assertThat(IntStream.range(0, 300).mapToObj(i -> whole.render("d", 0, i, TIME, random)).distinct().sorted())
                .containsExactly("1", "2", "3");
        PayloadTemplate decimals = PayloadTemplate.parse("${random:-1.5:2.25}");
        assertThat(IntStream.range(0, 200).mapToObj(i -> decimals.render("d", 0, i, TIME, random)))
                .allSatisfy(v -> assertThat(v).matches("-?\\d\\.\\d\\d").satisfies(x -> assertThat(Double.parseDouble(x))
                        .isBetween(-1.5, 2.25)));
        assertThat(PayloadTemplate.parse("${random:4:4}").render("d", 0, 0, TIME, random)).isEqualTo("4");
    }

    @Test
    void theSameSeedRendersTheSameSequence() {
        PayloadTemplate template = PayloadTemplate.parse("${deviceId}/${seq}/${random:0:1000000}/${random:0.0:1.000}");
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        assertThat(IntStream.range(0, 50).mapToObj(i -> template.render("x", 1, i, TIME, a)).toList())
                .isEqualTo(IntStream.range(0, 50).mapToObj(i -> template.render("x", 1, i, TIME, b)).toList());
    }

    @Test
    void literalDollarsAndMistakes() {
        assertThat(PayloadTemplate.parse("cost $$5 {} ${index}").render("d", 9, 0, TIME, new SplittableRandom(1)))
                .isEqualTo("cost $5 {} 9");
        assertThatThrownBy(() -> PayloadTemplate.parse("${index")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> PayloadTemplate.parse("${random:5:1}")).hasMessageContaining("LOW is above HIGH");
        assertThatThrownBy(() -> PayloadTemplate.parse("${random:a:b}")).hasMessageContaining("two numbers");
        assertThatThrownBy(() -> PayloadTemplate.parse("${temperature}")).hasMessageContaining("unknown variable");
    }
}
