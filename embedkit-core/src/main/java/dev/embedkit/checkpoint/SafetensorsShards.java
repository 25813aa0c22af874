package dev.embedkit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.FormatException;
import dev.embedkit.io.SafetensorsFile;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.TokenizerFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors files of one checkpoint, as one set of named tensors: a single model.safetensors, or the
 * shards that model.safetensors.index.json's weight_map assigns each tensor to. Every shard is opened (and so
 * validated) once; a tensor the index puts in a shard that lacks it is an error naming both.
 */
final class SafetensorsShards {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private final Map<String, SafetensorsFile> fileOf; // tensor name → the file holding it, in listing order

    private SafetensorsShards(Map<String, SafetensorsFile> fileOf) {
        this.fileOf = fileOf;
    }

    static SafetensorsShards of(SafetensorsFile file) {
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        file.names().forEach(name -> fileOf.put(name, file));
        return new SafetensorsShards(fileOf);
    }

    /** True if the folder holds model.safetensors or a shard index. */
    static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(SINGLE)) || Files.isRegularFile(folder.resolve(INDEX));
    }

    /** model.safetensors if present, else the shards the index lists. */
    static SafetensorsShards open(Path folder) {
        Path single = folder.resolve(SINGLE);
        if (Files.isRegularFile(single)) {
            return of(SafetensorsFile.open(single));
        }
        Path index = folder.resolve(INDEX);
        JsonNode weightMap = TokenizerFiles.readJson(index).path("weight_map");
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw FormatException.atField(index, "weight_map", "is missing, empty or not an object of tensor → file");
        }
        Map<String, SafetensorsFile> opened = new HashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : weightMap.properties()) {
            String field = "weight_map." + entry.getKey();
            String shardName = entry.getValue().asText("");
            Path shard = folder.resolve(shardName).toAbsolutePath().normalize();
            // The index names files beside it; a path that climbs out of the folder is refused, not followed.
            if (!entry.getValue().isTextual() || shardName.isEmpty()
                    || !folder.toAbsolutePath().normalize().equals(shard.getParent())) {
                throw FormatException.atField(index, field, entry.getValue() + " is not a file name in " + folder);
            }
            if (!Files.isRegularFile(shard)) {
                throw FormatException.atField(index, field, "names " + shardName + ", which is not in " + folder);
            }
            SafetensorsFile file = opened.computeIfAbsent(shardName, name -> SafetensorsFile.open(shard));
            if (!file.names().contains(entry.getKey())) {
                throw FormatException.atField(index, field, "says the tensor is in " + shardName + ", which has no"
                        + " tensor of that name");
            }
            fileOf.put(entry.getKey(), file);
        }
        return new SafetensorsShards(fileOf);
    }

    Map<String, List<Long>> shapes() {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        fileOf.forEach((name, file) -> shapes.put(name, file.info(name).shape()));
        return shapes;
    }

    List<Checkpoint.TensorSummary> summaries() {
        return fileOf.entrySet().stream().map(e -> {
            SafetensorsFile.TensorInfo info = e.getValue().info(e.getKey());
            return new Checkpoint.TensorSummary(info.name(), info.dtype(), info.shape());
        }).toList();
    }

    /** The __metadata__ of every shard (the first shard's value wins where they repeat a key). */
    Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        fileOf.values().stream().distinct().forEach(file -> file.metadata().forEach(metadata::putIfAbsent));
        return metadata;
    }

    MappedMatrix matrix(String name) {
        return fileOf.get(name).tensor(name);
    }

    Path fileOf(String name) {
        return fileOf.get(name).path();
    }
}
