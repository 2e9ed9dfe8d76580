package dev.vigil.sources.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void theDigitByDigitPathAgreesWithJavaTimeOnRandomInstants() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 8_000_000_000L);
            int nanos = random.nextInt(1_000_000_000);
            String iso = Instant.ofEpochSecond(seconds, nanos).toString(); // 0, 3, 6 or 9 fraction digits
            int cut = random.nextInt(4);
            if (cut > 0 && iso.indexOf('.') > 0) {
                iso = iso.substring(0, Math.max(iso.indexOf('.') + 2, iso.length() - 1 - cut)) + "Z";
            }
            assertThat(Timestamps.parse(iso, ZoneOffset.UTC)).as(iso)
                    .isEqualTo(Instant.parse(iso).toEpochMilli());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z", "2023-02-12T25:00:00Z",
        "2023-02-12T12:60:00Z", "2023-02-12T12:33:32.x1Z", "2023-02-12T12:3a:32Z", "2023-02-12 12:33:32Zx"})
    void impossibleTimesAreStillRejected(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an ISO-8601 time");
    }

    @Test
    void otherSpellingsTakeTheGeneralPath() {
        assertThat(Timestamps.parse("2023-02-12T12:33:32+01:00", ZoneOffset.UTC)).isEqualTo(1676201612000L);
        assertThat(Timestamps.parse("2023-02-12t12:33:32.25z", ZoneOffset.UTC)).isEqualTo(1676205212250L);
        assertThat(Timestamps.parse("2023-02-12 12:33:32", ZoneOffset.ofHours(2))).isEqualTo(1676198012000L);
        assertThat(Timestamps.parse("1676205212000", ZoneOffset.UTC)).isEqualTo(1676205212000L);
    }
}
