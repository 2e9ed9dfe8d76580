package dev.vigil.sources.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** Discovery against fabric8's in-process Kubernetes API server (CRUD mode): no cluster needed. */
@EnableKubernetesMockClient(crud = true)
class KubernetesDiscoveryTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static EndpointSlice slice(String name, String service, String portName, int port, String... endpoints) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("monitoring")
                .addToLabels(KubernetesDiscovery.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort();
        for (String e : endpoints) {
            String[] parts = e.split("@"); // node@ip[!] where ! marks a not-ready endpoint
            boolean ready = !parts[1].endsWith("!");
            b.addNewEndpoint().withAddresses(parts[1].replace("!", "")).withNodeName(parts[0])
                    .withNewConditions().withReady(ready).endConditions().endEndpoint();
        }
        return b.build();
    }

    private KubernetesDiscovery discovery(String port) {
        return new KubernetesDiscovery("monitoring", "node-exporter", port, "/metrics", client.getMasterUrl().toString());
    }

    @Test
    void readyEndpointsOfTheServiceBecomeTargetsNamedAfterTheirNode() {
        client.resource(slice("node-exporter-abc", "node-exporter", "metrics", 9100,
                "worker-1@10.0.0.1", "worker-2@10.0.0.2", "worker-3@10.0.0.3!")).create();
        client.resource(slice("node-exporter-def", "node-exporter", "metrics", 9100, "worker-4@10.0.0.4")).create();
        client.resource(slice("other-xyz", "other", "metrics", 9100, "worker-9@10.0.0.9")).create();

        assertThat(discovery("metrics").discover()).containsExactlyInAnyOrder(
                new ScrapeTarget("worker-1", "http://10.0.0.1:9100/metrics"),
                new ScrapeTarget("worker-2", "http://10.0.0.2:9100/metrics"),
                new ScrapeTarget("worker-4", "http://10.0.0.4:9100/metrics"));
        assertThat(discovery("9100").discover()).hasSize(3);
        assertThat(discovery("http").discover()).as("no port of that name").isEmpty();
    }

    @Test
    void endpointsComeAndGo() {
        client.resource(slice("node-exporter-abc", "node-exporter", "metrics", 9100, "worker-1@10.0.0.1")).create();
        KubernetesDiscovery discovery = discovery("metrics");
        assertThat(discovery.discover()).extracting(ScrapeTarget::node).containsExactly("worker-1");
        client.resource(slice("node-exporter-abc", "node-exporter", "metrics", 9100, "worker-2@10.0.0.2")).update();
        assertThat(discovery.discover()).extracting(ScrapeTarget::node).containsExactly("worker-2");
    }

    @Test
    void theServiceIsNamespaceSlashName() {
        assertThat(KubernetesDiscovery.of("monitoring/node-exporter", "metrics", "metrics").describe())
                .isEqualTo("the EndpointSlices of service monitoring/node-exporter (port metrics)");
        assertThatThrownBy(() -> KubernetesDiscovery.of("node-exporter", "metrics", "/metrics"))
                .hasMessageContaining("NAMESPACE/NAME");
    }
}
