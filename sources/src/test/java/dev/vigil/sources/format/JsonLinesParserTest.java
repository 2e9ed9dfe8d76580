package dev.vigil.sources.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesParserTest {

    private final JsonLinesParser parser = new JsonLinesParser(ParseOptions.defaults(), "file:/in.jsonl");

    @Test
    void readsIsoTimeMetricsAndLabel() {
        ParsedRecord r = parser.parse(
                "{\"node\":\"worker-1\",\"ts\":\"2023-02-12T12:33:32Z\",\"metrics\":{\"cpu_sec_idle\":754.765,"
                        + "\"load1\":2,\"lis_conn\":null},\"attack\":1,\"extra\":{\"ignored\":[1,2]}}", 3);
        MetricSample s = r.sample();
        assertThat(s.node()).isEqualTo("worker-1");
        assertThat(s.ts()).isEqualTo(1676205212000L);
        assertThat(s.names()).containsExactly("cpu_sec_idle", "load1", "lis_conn");
        assertThat(s.values()[0]).isEqualTo(754.765);
        assertThat(s.isMissing(2)).isTrue();
        assertThat(s.attack()).isEqualTo(1);
        assertThat(s.source()).isEqualTo("file:/in.jsonl");
        assertThat(s.location()).isEqualTo("3");
    }

    @Test
    void readsEpochMillisAndNoLabel() {
        MetricSample s = parser.parse("{\"node\":\"n\",\"ts\":1676205212000,\"metrics\":{\"a\":1}}", 1).sample();
        assertThat(s.ts()).isEqualTo(1676205212000L);
        assertThat(s.attack()).isNull();
    }

    @Test
    void nodeFromOptionWhenTheRecordHasNone() {
        JsonLinesParser named = new JsonLinesParser(ParseOptions.defaults().withNode("local"), "s");
        assertThat(named.parse("{\"ts\":1,\"metrics\":{\"a\":1}}", 1).sample().node()).isEqualTo("local");
    }

    @Test
    void blankLinesHoldNoRecord() {
        assertThat(parser.parse("   ", 1)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1}                 | malformed JSON: Unexpected end-of-input",
        "[1,2]                                                        | not a JSON object",
        "{\"ts\":1,\"metrics\":{\"a\":1}}                             | missing field 'node' (or give --node)",
        "{\"node\":\"n\",\"metrics\":{\"a\":1}}                       | missing field 'ts'",
        "{\"node\":\"n\",\"ts\":1}                                    | missing field 'metrics'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{}}                     | field 'metrics' has no metric",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":NaN}}             | malformed JSON: Non-standard token 'NaN'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":\"abc\"}}         | metric 'a': not a number: 'abc'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":\"Infinity\"}}    | metric 'a': not a number: 'Infinity'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1e999}}           | metric feature a: value is not finite",
        "{\"node\":\"n\",\"ts\":\"yesterday\",\"metrics\":{\"a\":1}}   | field 'ts': not an ISO-8601 time or epoch milliseconds: 'yesterday'",
        "{\"node\":\"n\",\"ts\":-5,\"metrics\":{\"a\":1}}              | field 'ts': negative epoch milliseconds",
        "{\"node\":\"\",\"ts\":1,\"metrics\":{\"a\":1}}                | field 'node': node name is missing or empty",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a b\":1}}             | feature name has a character other than letters, digits and _.:- : 'a b'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1,\"a\":2}}       | duplicate metric 'a'",
        "{\"node\":\"n\",\"ts\":1,\"ts\":2,\"metrics\":{\"a\":1}}       | duplicate field 'ts'",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1},\"attack\":2}  | field 'attack' must be 0 or 1",
        "{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1}} {}            | trailing content after the JSON object",
    })
    void rejectsWithAClearReasonAndKeepsThePayload(String line, String reason) {
        ParsedRecord r = parser.parse(line, 9);
        assertThat(r.isSample()).isFalse();
        assertThat(r.rejection().reason()).startsWith(reason);
        assertThat(r.rejection().payload()).isEqualTo(line);
        assertThat(r.rejection().source()).isEqualTo("file:/in.jsonl");
        assertThat(r.rejection().location()).isEqualTo("9");
    }

    @Test
    void naStringIsAMissingValueNotARejection() {
        MetricSample s = parser.parse("{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":\"NA\",\"b\":2}}", 1).sample();
        assertThat(s.isMissing(0)).isTrue();
    }

    @Test
    void aSteadyStreamSharesOneNameArrayAndStillCatchesChangedNames() {
        String[] first = parser.parse("{\"node\":\"n\",\"ts\":1,\"metrics\":{\"a\":1,\"b\":2}}", 1).sample().names();
        String[] second = parser.parse("{\"node\":\"n\",\"ts\":2,\"metrics\":{\"a\":3,\"b\":4}}", 2).sample().names();
        assertThat(second).isSameAs(first);
        assertThat(parser.parse("{\"node\":\"n\",\"ts\":3,\"metrics\":{\"a\":1,\"a\":2}}", 3).rejection().reason())
                .isEqualTo("duplicate metric 'a'");
        assertThat(parser.parse("{\"node\":\"n\",\"ts\":4,\"metrics\":{\"a\":1,\"b c\":2}}", 4).rejection().reason())
                .startsWith("feature name has a character");
    }

    @Test
    void bytesParseLikeTextAndKeepTheTextOfABadRecord() {
        String good = "{\"node\":\"n\",\"ts\":\"2023-02-12T12:33:32.5Z\",\"metrics\":{\"a\":1.25}}";
        MetricSample s = parser.parse(good.getBytes(java.nio.charset.StandardCharsets.UTF_8), "0@7").sample();
        assertThat(s).isEqualTo(parser.parse(good, "0@7").sample());
        ParsedRecord bad = parser.parse("{\"node\":\"ü\",".getBytes(java.nio.charset.StandardCharsets.UTF_8), "0@8");
        assertThat(bad.rejection().reason()).startsWith("malformed JSON: Unexpected end-of-input");
        assertThat(bad.rejection().payload()).isEqualTo("{\"node\":\"ü\",");
    }
}
