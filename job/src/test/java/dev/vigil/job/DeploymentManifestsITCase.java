package dev.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.job.cli.RunCommand;
import dev.vigil.sources.scrape.KubernetesDiscovery;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Kubernetes manifests, proven as far as it can be without a cluster: every overlay renders (kubectl
 * kustomize where installed, and the tests' own renderer, which must agree with it); every FlinkDeployment
 * validates against the Flink Kubernetes Operator's CRD schema from {@code ../shared/k8s/crds/} with unknown
 * fields refused (kubectl's strict field validation); the built-in kinds have their required fields and
 * refer to each other correctly; the entry class is in the shaded jar; every {@code vigil.} setting is a
 * known option that parses; and {@code flink-conf/config.yaml} has not drifted from the deployment.
 */
class DeploymentManifestsITCase {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s-flink-operator");
    static final Path CRD = ROOT.resolve("../shared/k8s/crds/flinkdeployments.yml").normalize();
    static final List<String> OVERLAYS = List.of("small", "medium", "large", "autoscaler");

    /** flink-conf/config.yaml keys that only make sense on one machine; every other key must match the cluster. */
    static final Set<String> LOCAL_ONLY = Set.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
            "parallelism.default", "taskmanager.numberOfTaskSlots");

    static final Map<String, List<ObjectNode>> RENDERED = new LinkedHashMap<>();
    static JsonSchema flinkDeploymentSchema;

    @BeforeAll
    static void renderAll() throws Exception {
        for (String overlay : OVERLAYS) {
            Path dir = K8S.resolve("overlays").resolve(overlay);
            RENDERED.put(overlay, Kustomize.kubectl(dir).orElse(Kustomize.render(dir)));
        }
        assertThat(CRD).as("the operator CRDs in ../shared/k8s/crds (shared/ beside the repository)").isRegularFile();
        JsonNode crd = Kustomize.YAML.readTree(CRD.toFile());
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
        closeObjects(schema.get("properties")); // not the root: apiVersion, kind and metadata are implicit there
        flinkDeploymentSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    static ObjectNode one(List<ObjectNode> docs, String kind) {
        List<ObjectNode> found = docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    static Map<String, String> flinkConfiguration(ObjectNode deployment) {
        Map<String, String> conf = new TreeMap<>();
        deployment.at("/spec/flinkConfiguration").properties().forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    @Test
    void everyOverlayRendersTheSameObjects() {
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            assertThat(e.getValue().stream().map(Kustomize::id).sorted().toList()).as(e.getKey()).containsExactly(
                    "DaemonSet/vigil/node-exporter", "FlinkDeployment/vigil/vigil", "Namespace/-/vigil",
                    "Role/vigil/vigil", "RoleBinding/vigil/vigil", "Service/vigil/node-exporter",
                    "ServiceAccount/vigil/vigil");
        }
    }

    @Test
    void theTestsRendererAgreesWithKubectl() throws Exception {
        for (String overlay : OVERLAYS) {
            Path dir = K8S.resolve("overlays").resolve(overlay);
            Optional<List<ObjectNode>> kubectl = Kustomize.kubectl(dir);
            assumeThat(kubectl).as("kubectl is not installed here; the overlays were rendered by the tests alone")
                    .isPresent();
            Map<String, ObjectNode> byKubectl = kubectl.get().stream()
                    .collect(Collectors.toMap(Kustomize::id, d -> d));
            Map<String, ObjectNode> ours = Kustomize.render(dir).stream().collect(Collectors.toMap(Kustomize::id, d -> d));
            assertThat(ours).as(overlay).isEqualTo(byKubectl);
        }
    }

    @Test
    void everyFlinkDeploymentValidatesAgainstTheOperatorCrd() {
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            ObjectNode deployment = one(e.getValue(), "FlinkDeployment");
            assertThat(flinkDeploymentSchema.validate(deployment)).as(e.getKey()).isEmpty();
            assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        }
    }

    @Test
    void theSchemaCheckCatchesWhatTheOperatorWouldRefuse() {
        ObjectNode broken = one(RENDERED.get("small"), "FlinkDeployment").deepCopy();
        ObjectNode job = (ObjectNode) broken.at("/spec/job");
        job.put("upgradeMode", "sometimes");
        job.put("paralelism", 2); // a typo: the API server's strict field validation refuses unknown fields
        ((ObjectNode) broken.get("spec")).put("flinkVersion", "v2_9");
        Set<ValidationMessage> errors = flinkDeploymentSchema.validate(broken);
        assertThat(errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n")))
                .contains("upgradeMode").contains("paralelism").contains("flinkVersion");
    }

    @Test
    void theDeploymentRunsTheImagesJarWithItsEntryClass() throws Exception {
        String dockerfile = Files.readString(K8S.resolve("Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM flink:(\\d+)\\.(\\d+)\\.(\\d+)-java17$").matcher(dockerfile);
        assertThat(from.find()).as("Dockerfile FROM flink:X.Y.Z-java17").isTrue();
        String flinkVersion = from.group(1) + "." + from.group(2) + "." + from.group(3);
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).as("the image's Flink is the pom's")
                .contains("<flink.version>" + flinkVersion + "</flink.version>");
        assertThat(dockerfile).contains("COPY --chown=flink:flink job/target/vigil.jar /opt/flink/usrlib/vigil.jar")
                .containsPattern("(?m)^USER flink$");

        Path jar = ROOT.resolve("job/target/vigil.jar");
        assertThat(jar).as("the shaded jar (built by package, before this test)").isRegularFile();
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            ObjectNode deployment = one(e.getValue(), "FlinkDeployment");
            assertThat(deployment.at("/spec/flinkVersion").asText())
                    .isEqualTo("v" + from.group(1) + "_" + from.group(2));
            assertThat(deployment.at("/spec/job/jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/vigil.jar");
            assertThat(deployment.at("/spec/mode").asText()).isEqualTo("native");
            String entryClass = deployment.at("/spec/job/entryClass").asText();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.getEntry(entryClass.replace('.', '/') + ".class")).as(entryClass + " in vigil.jar")
                        .isNotNull();
            }
            Method main = Class.forName(entryClass).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
            // The args are vigil run's flags.
            List<String> args = new ArrayList<>();
            deployment.at("/spec/job/args").forEach(a -> args.add(a.asText()));
            new CommandLine(new RunCommand()).parseArgs(args.toArray(String[]::new));
            // The S3 plugin the pods enable is the image's own.
            assertThat(env(deployment, "ENABLE_BUILT_IN_PLUGINS").path("value").asText())
                    .isEqualTo("flink-s3-fs-presto-" + flinkVersion + ".jar");
        }
    }

    @Test
    void everyVigilSettingIsAKnownOptionThatParses() throws Exception {
        Set<String> known = VigilOptionsTest.all().stream().map(ConfigOption::key).collect(Collectors.toSet());
        Map<String, String> local = flinkConf();
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            Map<String, String> conf = flinkConfiguration(one(e.getValue(), "FlinkDeployment"));
            for (Map<String, String> settings : List.of(conf, local)) {
                assertThat(settings.keySet().stream().filter(k -> k.startsWith("vigil.")))
                        .as(e.getKey() + ": vigil.* keys").allMatch(known::contains, "a VigilOptions key");
            }
            Configuration flink = Configuration.fromMap(conf);
            JobSettings.from(flink);
            JobSettings.scrape(flink);
            assertThat(JobSettings.postgres(flink, name -> name.equals("VIGIL_JDBC_PASSWORD") ? "secret" : null))
                    .as("Postgres with the password from the Secret's variable").isPresent();
            KubernetesDiscovery.of(flink.get(VigilOptions.SCRAPE_DISCOVERY_SERVICE),
                    flink.get(VigilOptions.SCRAPE_DISCOVERY_PORT), flink.get(VigilOptions.SCRAPE_DISCOVERY_PATH));
        }
    }

    @Test
    void flinkConfYamlHasNotDriftedFromTheDeployment() throws Exception {
        Map<String, String> local = flinkConf();
        assertThat(local).containsKeys(LOCAL_ONLY.toArray(String[]::new));
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            Map<String, String> cluster = flinkConfiguration(one(e.getValue(), "FlinkDeployment"));
            Map<String, String> shared = new TreeMap<>(local);
            shared.keySet().removeAll(LOCAL_ONLY);
            assertThat(cluster).as(e.getKey() + ": flink-conf/config.yaml's settings in flinkConfiguration")
                    .containsAllEntriesOf(shared);
            // The local-only keys have durable counterparts in the cluster.
            assertThat(cluster.get("execution.checkpointing.dir")).startsWith("s3://");
            assertThat(cluster.get("execution.checkpointing.savepoint-dir")).startsWith("s3://");
            assertThat(cluster.get("high-availability.type")).isEqualTo("kubernetes");
            assertThat(cluster.get("high-availability.storageDir")).startsWith("s3://");
        }
    }

    @Test
    void overlaysSizeTheJobConsistently() {
        Map<String, Integer> parallelism = new HashMap<>();
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            ObjectNode deployment = one(e.getValue(), "FlinkDeployment");
            Map<String, String> conf = flinkConfiguration(deployment);
            int p = deployment.at("/spec/job/parallelism").asInt();
            int slots = Integer.parseInt(conf.get("taskmanager.numberOfTaskSlots"));
            int maxParallelism = Integer.parseInt(conf.get("pipeline.max-parallelism"));
            parallelism.put(e.getKey(), p);
            assertThat(maxParallelism).as("key groups, the same for every size so a savepoint moves between them")
                    .isEqualTo(720);
            assertThat(p).isBetween(1, maxParallelism);
            assertThat(slots).isBetween(1, p);
            assertThat(deployment.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(deployment.at("/spec/taskManager/resource/memory").asText()).matches("\\d+m");
            if (conf.containsKey("job.autoscaler.enabled")) {
                assertThat(conf.get("jobmanager.scheduler")).isEqualTo("adaptive");
                int max = Integer.parseInt(conf.get("job.autoscaler.vertex.max-parallelism"));
                assertThat(Integer.parseInt(conf.get("job.autoscaler.vertex.min-parallelism"))).isBetween(1, p);
                assertThat(max).isBetween(p, maxParallelism);
                assertThat(maxParallelism % max).as("a divisor of the key groups spreads them evenly").isZero();
            }
        }
        assertThat(parallelism.get("small")).isLessThan(parallelism.get("medium"));
        assertThat(parallelism.get("medium")).isLessThan(parallelism.get("large"));
    }

    @Test
    void theBuiltInKindsHaveTheirRequiredFieldsAndFitTogether() throws Exception {
        for (Map.Entry<String, List<ObjectNode>> e : RENDERED.entrySet()) {
            List<ObjectNode> docs = e.getValue();
            for (ObjectNode doc : docs) {
                assertThat(doc.path("apiVersion").asText()).as(Kustomize.id(doc)).isNotBlank();
                assertThat(doc.at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            }
            ObjectNode daemonSet = one(docs, "DaemonSet");
            assertThat(daemonSet.path("apiVersion").asText()).isEqualTo("apps/v1");
            JsonNode selector = daemonSet.at("/spec/selector/matchLabels");
            JsonNode podLabels = daemonSet.at("/spec/template/metadata/labels");
            assertThat(selector.size()).as("DaemonSet spec.selector is required").isPositive();
            selector.properties().forEach(l -> assertThat(podLabels.path(l.getKey())).isEqualTo(l.getValue()));
            JsonNode containers = daemonSet.at("/spec/template/spec/containers");
            assertThat(containers.size()).isPositive();
            for (JsonNode c : containers) {
                assertThat(c.path("name").asText()).isNotBlank();
                assertThat(c.path("image").asText()).as("an image with a pinned tag").matches("[^:]+:v?\\d.*");
                for (JsonNode port : c.path("ports")) {
                    assertThat(port.path("containerPort").asInt()).isBetween(1, 65535);
                    assertThat(port.path("name").asText()).hasSizeLessThanOrEqualTo(15);
                }
            }
            assertThat(daemonSet.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();

            // The headless Service selects the DaemonSet's pods and names the port discovery asks for.
            ObjectNode service = one(docs, "Service");
            assertThat(service.at("/spec/clusterIP").asText()).isEqualTo("None");
            service.at("/spec/selector").properties()
                    .forEach(l -> assertThat(podLabels.path(l.getKey())).isEqualTo(l.getValue()));
            ObjectNode deployment = one(docs, "FlinkDeployment");
            Map<String, String> conf = flinkConfiguration(deployment);
            assertThat(conf.get("vigil.scrape.discovery.service"))
                    .isEqualTo(service.at("/metadata/namespace").asText() + "/" + service.at("/metadata/name").asText());
            JsonNode servicePort = service.at("/spec/ports/0");
            assertThat(servicePort.path("port").asInt()).isBetween(1, 65535);
            assertThat(servicePort.path("name").asText()).isEqualTo(conf.get("vigil.scrape.discovery.port"));
            assertThat(containers.findValuesAsText("name")).contains(servicePort.path("targetPort").asText());

            // RBAC: the binding joins the FlinkDeployment's service account to the Role, which grants only what
            // Flink on native Kubernetes and the discovery need.
            ObjectNode account = one(docs, "ServiceAccount");
            assertThat(deployment.at("/spec/serviceAccount").asText()).isEqualTo(account.at("/metadata/name").asText());
            ObjectNode binding = one(docs, "RoleBinding");
            ObjectNode role = one(docs, "Role");
            assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
            assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
            assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
            assertThat(binding.at("/subjects").size()).isEqualTo(1);
            assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
            assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(account.at("/metadata/name").asText());
            assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(account.at("/metadata/namespace").asText());
            Map<String, List<String>> grants = new TreeMap<>();
            for (JsonNode rule : role.at("/rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        List<String> verbs = new ArrayList<>();
                        rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                        grants.put(group.asText() + "/" + resource.asText(), verbs);
                    }
                }
            }
            assertThat(grants).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "/pods", List.of("get", "list", "watch", "create", "delete"),
                    "/configmaps", List.of("get", "list", "watch", "create", "update", "patch", "delete"),
                    "apps/deployments", List.of("get"),
                    "discovery.k8s.io/endpointslices", List.of("list")));

            // The Postgres password: a variable from the Secret whose template ships beside the overlays.
            JsonNode secretRef = env(deployment, conf.get("vigil.jdbc.password-env")).at("/valueFrom/secretKeyRef");
            ObjectNode secret = one(Kustomize.read(K8S.resolve("postgres-secret.template.yaml")), "Secret");
            assertThat(secretRef.path("name").asText()).isEqualTo(secret.at("/metadata/name").asText());
            assertThat(secret.at("/stringData").has(secretRef.path("key").asText())).isTrue();
            assertThat(secret.at("/stringData/" + secretRef.path("key").asText()).asText())
                    .as("no password in the repository").isEmpty();
            assertThat(secret.at("/metadata/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
            assertThat(deployment.at("/spec/podTemplate/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        }
    }

    /**
     * The README's walkthrough: its example site overlay (the two YAML blocks) renders on top of an overlay
     * here and still validates, and every file of k8s-flink-operator/ it names exists.
     */
    @Test
    void theReadmeWalkthroughsSiteOverlayRendersAndValidates(@TempDir Path tmp) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Deploying on Kubernetes");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher paths = Pattern.compile("k8s-flink-operator/[\\w./-]+").matcher(section);
        int named = 0;
        while (paths.find()) {
            String path = paths.group().replaceAll("[.]$", "");
            assertThat(ROOT.resolve(path)).as("README names " + path).exists();
            named++;
        }
        assertThat(named).isPositive();
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(yaml.find()).isTrue();
        String kustomization = yaml.group(1).stripIndent();
        assertThat(yaml.find()).isTrue();
        String site = yaml.group(1).stripIndent();
        Files.createSymbolicLink(tmp.resolve("k8s-flink-operator"), K8S);
        Path mine = Files.createDirectories(tmp.resolve("my-vigil"));
        Files.writeString(mine.resolve("kustomization.yaml"), kustomization);
        Files.writeString(mine.resolve("site.yaml"), site);

        List<ObjectNode> docs = Kustomize.render(mine);
        Optional<List<ObjectNode>> kubectl = Kustomize.kubectl(mine);
        if (kubectl.isPresent()) {
            assertThat(docs.stream().collect(Collectors.toMap(Kustomize::id, d -> d)))
                    .isEqualTo(kubectl.get().stream().collect(Collectors.toMap(Kustomize::id, d -> d)));
        }
        ObjectNode deployment = one(docs, "FlinkDeployment");
        assertThat(flinkDeploymentSchema.validate(deployment)).isEmpty();
        assertThat(deployment.at("/spec/image").asText()).isEqualTo("registry.example.com/vigil:0.1.0");
        Map<String, String> conf = flinkConfiguration(deployment);
        assertThat(conf.get("execution.checkpointing.dir")).isEqualTo("s3://my-bucket/vigil/checkpoints");
        assertThat(conf.get("vigil.jdbc.url")).startsWith("jdbc:postgresql://my-postgres");
        assertThat(conf).as("the medium size underneath").containsEntry("taskmanager.numberOfTaskSlots", "2");
    }

    /** An environment variable of the pods' main container. */
    static JsonNode env(ObjectNode deployment, String name) {
        JsonNode container = deployment.at("/spec/podTemplate/spec/containers/0");
        assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no " + name + " in the pod template's environment");
    }

    static Map<String, String> flinkConf() throws IOException {
        Map<String, String> conf = new TreeMap<>();
        Kustomize.YAML.readTree(ROOT.resolve("flink-conf/config.yaml").toFile()).properties()
                .forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    /**
     * Every object schema that lists its properties and does not preserve unknown fields refuses others, as
     * the API server does under kubectl's default strict field validation (JSON Schema alone would allow them).
     * Kubernetes' {@code x-kubernetes-} keywords are dropped once read.
     */
    static void closeObjects(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode node = (ObjectNode) schema;
            if (node.has("properties") && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                    && !node.has("additionalProperties")) {
                node.put("additionalProperties", false);
            }
            // Kubernetes' own keywords, read above or not about validation; JSON Schema does not know them.
            node.remove(node.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("x-kubernetes-"))
                    .toList());
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                closeObjects(it.next());
            }
        } else if (schema instanceof ArrayNode array) {
            array.forEach(DeploymentManifestsITCase::closeObjects);
        }
    }
}
