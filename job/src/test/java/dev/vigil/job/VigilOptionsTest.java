package dev.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The settings table in the README names every option, and the defaults read back as documented. */
class VigilOptionsTest {

    static List<ConfigOption<?>> all() throws IllegalAccessException {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : VigilOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                options.add((ConfigOption<?>) f.get(null));
            }
        }
        return options;
    }

    @Test
    void everyOptionIsInTheReadmeTableAndDescribed() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(all()).hasSizeGreaterThan(15).allSatisfy(o -> {
            assertThat(o.key()).startsWith("vigil.");
            assertThat(readme).as("README settings table").contains("| `" + o.key() + "` |");
            assertThat(o.description().toString()).isNotBlank();
        });
    }

    @Test
    void defaultsGiveTheDocumentedScoring() {
        JobSettings settings = JobSettings.from(new Configuration());
        assertThat(settings.scoring().threshold()).isEqualTo(3.0);
        assertThat(settings.scoring().warmup()).isEqualTo(30);
        assertThat(settings.scoring().halfLife()).isNull();
        assertThat(settings.scoring().updateOnAnomaly()).isFalse();
        assertThat(settings.scoring().counters()).hasSize(10).contains("cpu_sec_idle", "forks_total");
        assertThat(JobSettings.postgres(new Configuration(), name -> "secret")).isEmpty();
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariable() {
        Configuration conf = new Configuration();
        conf.set(VigilOptions.JDBC_URL, "jdbc:postgresql://db/vigil");
        conf.set(VigilOptions.JDBC_PASSWORD_ENV, "PG_PASS");
        assertThat(JobSettings.postgres(conf, name -> name.equals("PG_PASS") ? "s3cret" : null).orElseThrow()
                .password()).isEqualTo("s3cret");
    }
}
