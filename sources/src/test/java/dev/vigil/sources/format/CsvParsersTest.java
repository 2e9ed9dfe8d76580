package dev.vigil.sources.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParsersTest {

    private static List<ParsedRecord> parseAll(LineParser parser, List<String> lines) {
        List<ParsedRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ParsedRecord r = parser.parse(lines.get(i), i + 1);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void readsTheSeedTable2Fixture() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../testdata/seed-table2.csv"));
        LineParser parser = LineParser.open(ParseOptions.defaults(), "file:/x/seed-table2.csv");
        List<ParsedRecord> records = parseAll(parser, lines);
        assertThat(records).hasSize(15).allMatch(ParsedRecord::isSample);
        MetricSample first = records.get(0).sample();
        assertThat(first.node()).as("named after the file").isEqualTo("seed-table2");
        assertThat(first.ts()).isEqualTo(1676205212000L);
        assertThat(first.names()).startsWith("cpu_sec_idle", "disk_av_per").hasSize(7);
        assertThat(first.value("cpu_sec_idle")).hasValue(754.765);
        assertThat(first.attack()).isZero();
    }

    @Test
    void paperCsvRejectsTextAndWrongColumnCountButKeepsNa() {
        LineParser parser = new PaperCsvParser(ParseOptions.defaults().withNode("aks-1"), "s");
        List<ParsedRecord> records = parseAll(parser, List.of(
                "id,date,time,cpu_sec_idle,Load5,attack",
                "1,2023-02-12,12:33:32,754.7,NA,0",
                "2,2023-02-12,12:33:42,abc,1.0,0",
                "3,2023-02-12,12:33:52,760",
                "4,2023-02-12,25:00:00,760,1,0",
                "5,2023-02-12,12:34:12,770,1,maybe"));
        assertThat(records.get(0).sample().node()).isEqualTo("aks-1");
        assertThat(records.get(0).sample().names()).containsExactly("cpu_sec_idle", "load5");
        assertThat(records.get(0).sample().isMissing(1)).isTrue();
        assertThat(records.subList(1, 5)).extracting(r -> r.rejection().reason()).containsExactly(
                "column cpu_sec_idle: not a number: 'abc'",
                "expected 6 columns, found 4",
                "date/time not in yyyy-mm-dd and hh:mm:ss form: '2023-02-12' '25:00:00'",
                "label must be 0 or 1: 'maybe'");
    }

    @Test
    void genericCsvFindsTimeNodeLabelAndNumericColumns() {
        GenericCsvParser parser = new GenericCsvParser(ParseOptions.defaults(), "s");
        List<ParsedRecord> records = parseAll(parser, List.of(
                "timestamp,node,pod,m0,m1,attack",
                "2024-01-01T00:00:00Z,n1,web-1,0.5,,0",
                "2024-01-01T00:00:10Z,n2,web-2,0.6,7,1",
                "2024-01-01T00:00:20Z,n1,web-1,x,7,0"));
        assertThat(parser.ignoredColumns()).containsExactly("pod");
        MetricSample s = records.get(0).sample();
        assertThat(s.names()).containsExactly("m0", "m1");
        assertThat(s.isMissing(1)).isTrue();
        assertThat(records.get(1).sample().node()).isEqualTo("n2");
        assertThat(records.get(1).sample().attack()).isEqualTo(1);
        assertThat(records.get(2).rejection().reason()).isEqualTo("column m0: not a number: 'x'");
    }

    @Test
    void genericCsvHonoursNamedColumnsAndSaysWhenTheyAreAbsent() {
        ParseOptions named = ParseOptions.defaults().withColumns("when", "host").withNode("ignored");
        List<ParsedRecord> ok = parseAll(new GenericCsvParser(named, "s"),
                List.of("when,host,v", "1700000000000,h1,3"));
        assertThat(ok.get(0).sample().node()).isEqualTo("h1");
        assertThat(ok.get(0).sample().ts()).isEqualTo(1700000000000L);

        List<ParsedRecord> missing = parseAll(new GenericCsvParser(ParseOptions.defaults(), "s"),
                List.of("a,b", "1,2"));
        assertThat(missing.get(0).rejection().reason())
                .isEqualTo("no time column (ts, timestamp or time): name one with --time-column, "
                        + "or give --row-interval when rows are evenly spaced");
    }

    @Test
    void evenlySpacedRowsWithANamedLabelAndItsPositiveValue() {
        ParseOptions asd = ParseOptions.defaults().withNode("omi-1")
                .withLabels("label", "anomaly", java.time.Duration.ofMinutes(5));
        List<ParsedRecord> records = parseAll(new GenericCsvParser(asd, "s"), List.of(
                "m0,m1,label", "0.5,0.1,normal", "0.6,0.2,anomaly", "0.6,x,normal", "0.7,0.3,"));
        long start = ParseOptions.ROW_START.toEpochMilli();
        assertThat(records.get(0).sample().ts()).isEqualTo(start);
        assertThat(records.get(0).sample().attack()).isEqualTo(0);
        assertThat(records.get(1).sample().ts()).isEqualTo(start + 300_000);
        assertThat(records.get(1).sample().attack()).isEqualTo(1);
        assertThat(records.get(2).rejection().reason()).isEqualTo("column m1: not a number: 'x'");
        assertThat(records.get(3).sample().ts()).as("a rejected row keeps its place").isEqualTo(start + 900_000);
        assertThat(records.get(3).sample().attack()).isNull();
        assertThat(records.get(0).sample().names()).containsExactly("m0", "m1");

        List<ParsedRecord> noLabel = parseAll(new GenericCsvParser(asd, "s"), List.of("m0,m1", "1,2"));
        assertThat(noLabel.get(0).rejection().reason()).isEqualTo("--label-column 'label' is not a column of the header");
    }

    @Test
    void detectsFormats() {
        assertThat(InputFormat.detect("{\"node\":1}")).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.detect("id,date,time,cpu_sec_idle")).isEqualTo(InputFormat.PAPER_CSV);
        assertThat(InputFormat.detect("ts,node,a")).isEqualTo(InputFormat.CSV);
        assertThat(InputFormat.fromName("paper-csv")).isEqualTo(InputFormat.PAPER_CSV);
    }

    @Test
    void timestampsInEveryAcceptedSpelling() {
        java.time.ZoneId utc = java.time.ZoneId.of("UTC");
        long expected = 1676205212000L;
        assertThat(Timestamps.parse("2023-02-12T12:33:32Z", utc)).isEqualTo(expected);
        assertThat(Timestamps.parse("2023-02-12T14:33:32+02:00", utc)).isEqualTo(expected);
        assertThat(Timestamps.parse("2023-02-12 12:33:32", utc)).isEqualTo(expected);
        assertThat(Timestamps.parse("2023-02-12T12:33:32.000", utc)).isEqualTo(expected);
        assertThat(Timestamps.parse("1676205212000", utc)).isEqualTo(expected);
    }
}
