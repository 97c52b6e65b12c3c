package dev.hone.learner.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a directory written by {@link NetworkModel#save(Path)}. */
final class NetworkLoader {
  private NetworkLoader() {}

  static NetworkModel load(
      Path dir, String learner, List<ParamSpec> specs,
      Networks.Factory blockOf) {
    Path metaFile = dir.resolve(NetworkModel.META_FILE);
    Path paramsFile = dir.resolve(NetworkModel.PARAMS_FILE);
    for (Path p : List.of(metaFile, paramsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new DataValidationException(
            "model directory " + dir + " has no " + p.getFileName()
                + ": pass the directory written when the " + learner + " model was saved");
      }
    }
    NetworkMeta meta;
    try {
      meta = Json.read(metaFile, NetworkMeta.class);
    } catch (HoneException | IllegalArgumentException | NullPointerException e) {
      throw new DataValidationException(
          "cannot read " + metaFile + ": " + e.getMessage() + "; the file is damaged or not a "
              + learner + " model", e);
    }
    if (meta.formatVersion() < 1 || meta.formatVersion() > NetworkMeta.FORMAT_VERSION) {
      throw new DataValidationException(
          metaFile + " has format_version " + meta.formatVersion() + " but this Hone reads only "
              + "1 to " + NetworkMeta.FORMAT_VERSION + ": use the Hone version that wrote it");
    }
    if (!learner.equals(meta.learner())) {
      throw new DataValidationException(
          metaFile + " holds a '" + meta.learner() + "' model, not '" + learner
              + "': load it with the " + meta.learner() + " learner");
    }
    ParamSet params = ParamSet.resolve(specs, meta.params());
    DjlRuntime.engine();
    Model model = Model.newInstance(learner, Device.cpu(), DjlRuntime.ENGINE);
    boolean handedOver = false;
    try {
      Block block = blockOf.build(params, meta.nOutputs(), meta.embeddings(), meta.nFeatures());
      model.setBlock(block);
      try (InputStream in = Files.newInputStream(paramsFile);
          DataInputStream dis = new DataInputStream(in)) {
        block.loadParameters(model.getNDManager(), dis);
      }
      NetworkModel out = new NetworkModel(model, meta);
      handedOver = true;
      return out;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new DataValidationException(
          "cannot read the parameters in " + paramsFile + ": " + e.getMessage()
              + "; the file is damaged or does not belong to " + metaFile, e);
    } finally {
      if (!handedOver) {
        model.close();
      }
    }
  }
}
