package dev.vigil.sources.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSimulatorTest {

    private final SimulatorSettings settings = SimulatorSettings.defaults();
    private final ClusterSimulator cluster = new ClusterSimulator(settings);
    private final FlowSimulator flows = new FlowSimulator(cluster);

    private List<FlowEvent> during(Episode e) {
        int node = Integer.parseInt(e.node().substring(5));
        long first = (e.start() - settings.start().toEpochMilli()) / settings.interval().toMillis();
        long last = (e.end() - 1 - settings.start().toEpochMilli()) / settings.interval().toMillis();
        List<FlowEvent> out = new ArrayList<>();
        for (long step = first; step <= last; step++) {
            out.addAll(flows.events(node, step));
        }
        return out;
    }

    @Test
    void isDeterministicPerNodeAndStep() {
        FlowSimulator again = new FlowSimulator(new ClusterSimulator(settings));
        assertThat(again.events(3, 1_234)).isEqualTo(flows.events(3, 1_234));
        assertThat(new FlowSimulator(new ClusterSimulator(settings.withSeed(7))).events(3, 1_234))
                .isNotEqualTo(flows.events(3, 1_234));
    }

    @Test
    void calmTrafficIsLabelledNormalAndStaysOnItsNodeAndStep() {
        long events = 0;
        for (long step = 0; step < 360; step++) { // the calm first hour
            for (FlowEvent e : flows.events(5, step)) {
                assertThat(e.attack()).isZero();
                assertThat(e.node()).isEqualTo("node-05");
                long t0 = settings.start().toEpochMilli() + step * 10_000;
                assertThat(e.ts()).isBetween(t0, t0 + 9_999);
                events++;
            }
        }
        assertThat(events).as("about 3 flows every 10 s").isBetween(900L, 1_300L);
    }

    @Test
    void everyNetworkAttackLeavesLabelledFlowsAndAForkBombNone() {
        for (Episode e : cluster.episodes()) {
            List<FlowEvent> attack = during(e).stream().filter(f -> f.attack() == 1).toList();
            assertThat(attack).allSatisfy(f -> assertThat(f.ts()).isBetween(e.start(), e.end() - 1));
            switch (e.kind()) {
                case FORK_BOMB -> assertThat(attack).isEmpty();
                case PORT_SCAN -> assertThat(attack).allSatisfy(f -> assertThat(f.args()).containsEntry("tcp_flags", "SYN"))
                        .hasSizeGreaterThan(250);
                case SYN_FLOOD -> assertThat(attack).allSatisfy(f -> assertThat(f.args()).containsEntry("direction", "INGRESS"));
                case CRYPTOMINING -> assertThat(attack).anySatisfy(f -> assertThat(f.name())
                        .isEqualTo("Detect outbound connections to common miner pool ports"));
                case LATERAL_MOVEMENT -> assertThat(attack).anySatisfy(f -> assertThat(f.name())
                        .isEqualTo("Terminal shell in container"));
                case EXFILTRATION -> assertThat(attack).allSatisfy(f -> assertThat(Long.parseLong(f.args().get("bytes")))
                        .isGreaterThan(50_000_000L));
            }
        }
    }
}
