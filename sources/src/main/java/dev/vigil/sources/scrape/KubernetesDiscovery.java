package dev.vigil.sources.scrape;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrape targets from the EndpointSlices of a Kubernetes Service (the headless Service of the
 * node-exporter DaemonSet): one target per ready endpoint, named after the node the endpoint runs on.
 * Reads only EndpointSlices of one namespace, so the role it needs is {@code list} on
 * {@code discovery.k8s.io/endpointslices} there. Inside a pod the client takes its service-account
 * credentials; elsewhere the usual kubeconfig.
 */
public final class KubernetesDiscovery implements TargetDiscovery {

    private static final long serialVersionUID = 1L;
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final String namespace;
    private final String service;
    private final String port;
    private final String path;
    private final String apiServer;
    private transient KubernetesClient client;

    /**
     * @param port the endpoint port's name or number
     * @param apiServer the API server URL, or null for the in-cluster or kubeconfig default
     */
    public KubernetesDiscovery(String namespace, String service, String port, String path, String apiServer) {
        this.namespace = namespace;
        this.service = service;
        this.port = port;
        this.path = path.startsWith("/") ? path : "/" + path;
        this.apiServer = apiServer;
    }

    /** Discovery of {@code NAMESPACE/SERVICE} with the default credentials. */
    public static KubernetesDiscovery of(String namespaceAndService, String port, String path) {
        int slash = namespaceAndService.indexOf('/');
        if (slash <= 0 || slash == namespaceAndService.length() - 1) {
            throw new IllegalArgumentException("discovery service must be NAMESPACE/NAME, got '" + namespaceAndService + "'");
        }
        return new KubernetesDiscovery(namespaceAndService.substring(0, slash),
                namespaceAndService.substring(slash + 1), port, path, null);
    }

    @Override
    public List<ScrapeTarget> discover() {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (EndpointSlice slice : client().discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, service).list().getItems()) {
            Integer number = portOf(slice);
            if (number == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                boolean ready = endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                        || endpoint.getConditions().getReady();
                if (!ready || endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                String address = endpoint.getAddresses().get(0);
                String host = address.contains(":") ? "[" + address + "]" : address; // IPv6
                String node = endpoint.getNodeName() != null ? endpoint.getNodeName()
                        : endpoint.getTargetRef() != null ? endpoint.getTargetRef().getName() : address;
                targets.add(new ScrapeTarget(node, "http://" + host + ":" + number + path));
            }
        }
        return targets;
    }

    private Integer portOf(EndpointSlice slice) {
        if (slice.getPorts() == null) {
            return null;
        }
        for (EndpointPort p : slice.getPorts()) {
            if (p.getPort() != null && (port.equals(p.getName()) || port.equals(String.valueOf(p.getPort())))) {
                return p.getPort();
            }
        }
        return null;
    }

    private KubernetesClient client() {
        if (client == null) {
            Config config = apiServer == null ? Config.autoConfigure(null)
                    : new ConfigBuilder().withMasterUrl(apiServer).withTrustCerts(true).build();
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        return client;
    }

    @Override
    public String describe() {
        return "the EndpointSlices of service " + namespace + "/" + service + " (port " + port + ")";
    }
}
