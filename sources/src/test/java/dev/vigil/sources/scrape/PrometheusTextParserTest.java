package dev.vigil.sources.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sources.scrape.Exposition.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextParserTest {

    @Test
    void readsCommentsLabelsEscapesSpecialValuesAndTimestamps() {
        Exposition e = PrometheusTextParser.parse("""
                # HELP node_load1 1m load average.
                # TYPE node_load1 gauge
                node_load1 2.23

                node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 8.2902892544e+10
                weird{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",other="\\t"} NaN
                up{ job = "node" , } +Inf 1676205212000
                down -Inf\r
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_sum 53423
                """);
        assertThat(e.problems()).isEmpty();
        assertThat(e.samples()).extracting(Series::name).containsExactly("node_load1", "node_filesystem_avail_bytes",
                "weird", "up", "down", "http_request_duration_seconds_bucket", "http_request_duration_seconds_sum");
        assertThat(e.samples().get(0).value()).isEqualTo(2.23);
        assertThat(e.samples().get(1).label("mountpoint")).isEqualTo("/");
        assertThat(e.samples().get(1).value()).isEqualTo(82902892544.0);
        Series weird = e.samples().get(2);
        assertThat(weird.label("path")).isEqualTo("C:\\dir");
        assertThat(weird.label("quote")).isEqualTo("say \"hi\"");
        assertThat(weird.label("nl")).isEqualTo("a\nb");
        assertThat(weird.label("other")).isEqualTo("\\t");
        assertThat(weird.value()).isNaN();
        assertThat(e.samples().get(3).label("job")).isEqualTo("node");
        assertThat(e.samples().get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.samples().get(3).timestampMs()).isEqualTo(1676205212000L);
        assertThat(e.samples().get(4).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9lives 1                          | line 1: a metric name must start with a letter, '_' or ':'",
        "node_load1                        | line 1: missing value after 'node_load1'",
        "node_load1 abc                    | line 1: value is not a number: 'abc'",
        "node_load1 1 12.5                 | line 1: timestamp is not an integer: '12.5'",
        "node_load1 1 12 x                 | line 1: unexpected text after the timestamp",
        "m{a=\"1\" 1                       | line 1: expected ',' or '}' after label 'a'",
        "m{a=1} 1                          | line 1: the value of label 'a' is not quoted",
        "m{a=\"1} 1                        | line 1: the value of label 'a' is not closed",
        "m{=\"1\"} 1                       | line 1: a label name must start with a letter or '_'",
        "m{a} 1                            | line 1: label 'a' has no '='",
    })
    void aBadLineIsReportedWithItsNumberAndReason(String line, String problem) {
        Exposition e = PrometheusTextParser.parse(line + "\nnode_load5 2\n");
        assertThat(e.problems()).containsExactly(problem);
        assertThat(e.samples()).extracting(Series::name).containsExactly("node_load5");
    }

    @Test
    void manyBadLinesAreCountedNotAllListed() {
        Exposition e = PrometheusTextParser.parse("x y\n".repeat(100));
        assertThat(e.problems()).hasSize(PrometheusTextParser.MAX_PROBLEMS + 1);
        assertThat(e.problems().get(PrometheusTextParser.MAX_PROBLEMS)).isEqualTo("80 more malformed lines");
    }

    /** Random bytes, and every prefix of a real scrape, never throw: they end as samples and problems. */
    @Test
    void fuzzedAndTruncatedInputsNeverThrow() throws Exception {
        String real = Files.readString(Path.of("../testdata/node-exporter-1.5.0.prom"));
        int full = PrometheusTextParser.parse(real).samples().size();
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            int cut = random.nextInt(real.length());
            Exposition e = PrometheusTextParser.parse(real.substring(0, cut));
            assertThat(e.samples().size()).isLessThanOrEqualTo(full);
            assertThat(e.problems().size()).isLessThanOrEqualTo(1); // only the cut line can be broken
        }
        String alphabet = "{}\"=,\\ \n\t#abc_:019.eE+-NaInf";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(80);
            for (int k = 0; k < n; k++) {
                b.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Exposition e = PrometheusTextParser.parse(b);
            assertThat(e.samples()).allSatisfy(s -> assertThat(s.name()).isNotEmpty());
        }
    }
}
