package dev.hone.explain.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads XGBoost's JSON model format (the {@code model.json} Hone saves, or any {@code
 * Booster.save_model("*.json")}) into a {@link TreeEnsemble}, without native code.
 *
 * <p>Read from the document: {@code learner.feature_names} (or {@code f0, f1, …} when empty),
 * {@code learner.learner_model_param} ({@code base_score}, {@code num_feature}, {@code
 * num_class}), {@code learner.objective.name}, and {@code learner.gradient_booster} ({@code
 * gbtree}, or {@code dart} whose per-tree {@code weight_drop} scales the leaves) with {@code
 * model.trees[*]}: {@code left_children}, {@code right_children}, {@code split_indices}, {@code
 * split_conditions} (the threshold at internal nodes, the leaf value at leaves), {@code
 * default_left}, {@code sum_hessian} (cover), {@code split_type}; {@code model.tree_info} (the
 * output group of each tree) and {@code model.iteration_indptr} (trees per boosting round).
 *
 * <p><b>Intercept</b>: {@code base_score} is stored in the objective's output space; XGBoost 3.x
 * writes it as a vector string such as {@code "[5.5E-1]"} (one entry, or one per class), older
 * versions as a scalar. It is turned into a margin by the objective's link: logit for {@code
 * binary:logistic}, {@code binary:logitraw} and {@code reg:logistic}; log for {@code
 * count:poisson}, {@code reg:gamma}, {@code reg:tweedie} and {@code survival:cox}; identity
 * otherwise (squared error and other regression losses, {@code multi:softprob}, {@code
 * multi:softmax}, {@code binary:hinge}, ranking).
 *
 * <p>Categorical splits ({@code split_type} 1) and vector leaves are not supported; Hone's
 * preprocessing one-hot encodes categories, so its models never contain them.
 */
public final class XGBoostJson {
  private XGBoostJson() {}

  /**
   * Parses a model file.
   *
   * @param file an XGBoost JSON model, e.g. {@code model/model.json}
   * @param nRounds boosting rounds to keep (the first {@code nRounds}, as XGBoost's {@code
   *     iteration_range (0, nRounds)}); {@code 0} keeps all. Hone's {@code XGBoostModel}
   *     predicts with {@code bestIteration() + 1} rounds.
   * @throws DataValidationException when the file cannot be read or is not a supported model
   */
  public static TreeEnsemble parse(Path file, int nRounds) {
    try {
      return parse(Files.readString(file), nRounds, file.toString());
    } catch (IOException e) {
      throw new DataValidationException("cannot read XGBoost model " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a model document.
   *
   * @param json the JSON text
   * @param nRounds rounds to keep, {@code 0} = all
   * @throws DataValidationException when the text is not a supported XGBoost JSON model
   */
  public static TreeEnsemble parse(String json, int nRounds) {
    return parse(json, nRounds, "the XGBoost model");
  }

  private static TreeEnsemble parse(String json, int nRounds, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new DataValidationException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode learner = require(root, "learner", source);
    JsonNode param = require(learner, "learner_model_param", source);
    String objective = learner.path("objective").path("name").asText("");
    int nFeature = Integer.parseInt(require(param, "num_feature", source).asText());
    int numClass = Integer.parseInt(param.path("num_class").asText("0"));
    int numTarget = Integer.parseInt(param.path("num_target").asText("1"));
    if (numTarget > 1) {
      throw new DataValidationException(
          source + " has " + numTarget + " targets: multi-target models are not supported");
    }
    int nGroups = Math.max(1, numClass);

    List<String> names = new ArrayList<>();
    for (JsonNode n : learner.path("feature_names")) {
      names.add(n.asText());
    }
    if (names.isEmpty()) {
      for (int j = 0; j < nFeature; j++) {
        names.add("f" + j);
      }
    } else if (names.size() != nFeature) {
      throw new DataValidationException(
          source + " names " + names.size() + " features but num_feature is " + nFeature);
    }

    JsonNode booster = require(learner, "gradient_booster", source);
    String boosterName = booster.path("name").asText("");
    JsonNode model;
    double[] dropWeights = null;
    if (boosterName.equals("gbtree")) {
      model = require(booster, "model", source);
    } else if (boosterName.equals("dart")) {
      model = require(require(booster, "gbtree", source), "model", source);
      JsonNode wd = require(booster, "weight_drop", source);
      dropWeights = new double[wd.size()];
      for (int i = 0; i < dropWeights.length; i++) {
        dropWeights[i] = wd.get(i).asDouble();
      }
    } else {
      throw new DataValidationException(
          source + " uses the booster '" + boosterName + "': only tree boosters (gbtree, dart) can"
              + " be explained with TreeSHAP");
    }
    JsonNode treesNode = require(model, "trees", source);
    JsonNode info = require(model, "tree_info", source);
    int total = treesNode.size();
    int keep = total;
    if (nRounds > 0) {
      JsonNode indptr = model.path("iteration_indptr");
      if (indptr.isArray() && indptr.size() > 0) {
        int rounds = indptr.size() - 1;
        if (nRounds > rounds) {
          throw new DataValidationException(
              source + " has " + rounds + " boosting rounds, fewer than the " + nRounds
                  + " requested");
        }
        keep = indptr.get(nRounds).asInt();
      } else {
        int parallel =
            Integer.parseInt(
                model.path("gbtree_model_param").path("num_parallel_tree").asText("1"));
        keep = Math.min(total, nRounds * nGroups * parallel);
      }
    }
    List<Tree> trees = new ArrayList<>();
    int[] groups = new int[keep];
    for (int t = 0; t < keep; t++) {
      trees.add(tree(treesNode.get(t), dropWeights == null ? 1.0 : dropWeights[t], source, t));
      groups[t] = info.get(t).asInt();
    }
    double[] base = baseMargins(param.path("base_score").asText("0.5"), objective, nGroups, source);
    return new TreeEnsemble(names, objective, base, trees, groups);
  }

  private static Tree tree(JsonNode t, double scale, String source, int index) {
    int[] left = ints(require(t, "left_children", source));
    int n = left.length;
    int[] right = ints(require(t, "right_children", source));
    int[] feature = ints(require(t, "split_indices", source));
    JsonNode cond = require(t, "split_conditions", source);
    JsonNode dl = require(t, "default_left", source);
    JsonNode hess = require(t, "sum_hessian", source);
    JsonNode types = t.path("split_type");
    float[] threshold = new float[n];
    double[] leaf = new double[n];
    boolean[] defaultLeft = new boolean[n];
    double[] cover = new double[n];
    for (int i = 0; i < n; i++) {
      if (types.isArray() && types.size() == n && types.get(i).asInt() != 0 && left[i] != -1) {
        throw new DataValidationException(
            source + " tree " + index + " node " + i + " has a categorical split, which is not"
                + " supported: one-hot encode categorical features instead");
      }
      float c = (float) cond.get(i).asDouble();
      if (left[i] == -1) {
        leaf[i] = c * scale;
      } else {
        threshold[i] = c;
      }
      JsonNode d = dl.get(i);
      defaultLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
      cover[i] = hess.get(i).asDouble();
    }
    try {
      return new Tree(left, right, feature, threshold, defaultLeft, leaf, cover);
    } catch (IllegalArgumentException e) {
      throw new DataValidationException(source + " tree " + index + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code base_score} ("0.5", "[5.5E-1]" or "[a,b,c]") and applies the inverse link. */
  static double[] baseMargins(String text, String objective, int nGroups, String source) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    String[] parts = s.split(",");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new DataValidationException(source + " has an unreadable base_score '" + text + "'");
      }
    }
    if (values.length != 1 && values.length != nGroups) {
      throw new DataValidationException(
          source + " has " + values.length + " base_score entries for " + nGroups + " outputs");
    }
    double[] out = new double[nGroups];
    for (int g = 0; g < nGroups; g++) {
      out[g] = link(values[values.length == 1 ? 0 : g], objective);
    }
    return out;
  }

  /** The objective's inverse link: output space → margin. */
  static double link(double p, String objective) {
    String o = objective.toLowerCase(Locale.ROOT);
    switch (o) {
      case "binary:logistic":
      case "binary:logitraw":
      case "reg:logistic":
        return Math.log(p / (1 - p));
      case "count:poisson":
      case "reg:gamma":
      case "reg:tweedie":
      case "survival:cox":
        return Math.log(p);
      default:
        return p;
    }
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static JsonNode require(JsonNode parent, String field, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      throw new DataValidationException(
          source + " is not an XGBoost JSON model: field '" + field + "' is missing");
    }
    return n;
  }
}
