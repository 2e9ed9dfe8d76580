package dev.vigil.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders the kustomizations under {@code k8s-flink-operator/}: with {@code kubectl kustomize} where a
 * kubectl is installed, and always with a renderer of the small part of kustomize the manifests use
 * ({@code resources}, {@code namespace}, and {@code patches} of custom resources, which kustomize applies
 * as JSON merge patches since it has no schema for them). Any other kustomization field is refused, so the
 * two cannot silently differ; a test compares them wherever kubectl exists.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> FIELDS = Set.of("resources", "patches", "namespace");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final Set<String> MERGE_PATCHED = Set.of("FlinkDeployment", "FlinkSessionJob");

    private Kustomize() {
    }

    /** The rendered documents of {@code dir}, by the renderer here. */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (Iterator<String> it = kustomization.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + field
                        + "' is not rendered by the tests; use resources, patches or namespace");
            }
        }
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            docs.addAll(Files.isDirectory(path) ? render(path) : read(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalArgumentException(dir + ": only patches given by path are rendered, got " + patch);
            }
            for (ObjectNode change : read(dir.resolve(patch.get("path").asText()))) {
                String kind = change.path("kind").asText();
                if (!MERGE_PATCHED.contains(kind)) {
                    throw new IllegalArgumentException(dir + ": a patch of a " + kind + " would be a strategic merge "
                            + "(lists merged by key), which the tests do not render");
                }
                ObjectNode target = docs.stream().filter(d -> sameObject(d, change)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch " + patch + " matches nothing"));
                mergePatch(target, change);
            }
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode doc : docs) {
                if (!CLUSTER_SCOPED.contains(doc.path("kind").asText())) {
                    ((ObjectNode) doc.get("metadata")).put("namespace", namespace);
                }
            }
        }
        return docs;
    }

    /** The documents {@code kubectl kustomize dir} prints, or empty when no kubectl can run here. */
    static Optional<List<ObjectNode>> kubectl(Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + ")");
        }
        return Optional.of(parse(new String(out, StandardCharsets.UTF_8)));
    }

    static List<ObjectNode> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).readValues(yaml).readAll().stream()
                .map(JsonNode.class::cast).toList()) {
            if (doc != null && doc.isObject()) {
                docs.add((ObjectNode) doc);
            }
        }
        return docs;
    }

    /** kind/namespace/name, the identity of a rendered object. */
    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("namespace").asText("-") + "/"
                + doc.path("metadata").path("name").asText();
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("kind").equals(b.path("kind")) && a.path("apiVersion").equals(b.path("apiVersion"))
                && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
    }

    /** RFC 7386: objects merge key by key, null removes, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode value = e.getValue();
            JsonNode existing = target.get(e.getKey());
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                mergePatch((ObjectNode) existing, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
