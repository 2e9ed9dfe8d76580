package dev.vigil.sources.simulator;

/**
 * The kinds of attack episode the simulator injects, with the features each one moves first and the flows and
 * Falco alerts it leaves (see {@link FlowSimulator}).
 */
public enum AttackKind {
    /** A crypto-miner burns every CPU: idle time collapses, load rises, one pool connection opens. */
    CRYPTOMINING("cryptomining"),
    /** A fork bomb: forks per second explode, load and open files climb, memory drains. */
    FORK_BOMB("fork_bomb"),
    /** The node is the target of a SYN flood: receive bytes, drops, interrupts and half-open sockets. */
    SYN_FLOOD("syn_flood"),
    /** Data exfiltration: reads from disk and sends out many packets over new connections. */
    EXFILTRATION("exfiltration"),
    /** A port scan from a pod: thousands of SYN-only flows to one host's ports, many dropped. */
    PORT_SCAN("port_scan"),
    /** Lateral movement: a compromised pod opens a shell, reads secrets and reaches new hosts on admin ports. */
    LATERAL_MOVEMENT("lateral_movement");

    private final String label;

    AttackKind(String label) {
        this.label = label;
    }

    /** The name used in reports and tables. */
    public String label() {
        return label;
    }
}
