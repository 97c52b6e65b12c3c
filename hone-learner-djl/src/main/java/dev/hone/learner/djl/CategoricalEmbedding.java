package dev.hone.learner.djl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hone.core.model.CategoricalBlock;
import dev.hone.core.params.ParamSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One learned embedding of the {@code mlp} learner: the one-hot columns {@code [firstColumn,
 * firstColumn + width)} of categorical input {@code input} are mapped to {@code dim} numbers by a
 * bias-free linear map, {@code e = W x_block} with {@code W} of shape {@code [dim][width]} (DJL's
 * {@code Linear} weight layout). For a one-hot row this is the embedding vector (column of {@code
 * W}) of its level; an all-zero block (a level mapped to no column) gives the zero vector. Saved in
 * {@link NetworkMeta#embeddings()}.
 *
 * <p>Entity embeddings of categorical variables: Guo and Berkhahn, "Entity Embeddings of
 * Categorical Variables", arXiv:1604.06737 (2016). Written as a linear map of the one-hot block
 * (rather than an index lookup) so the network stays differentiable with respect to its input
 * columns; on one-hot rows both are the same function.
 *
 * @param input name of the categorical input column
 * @param firstColumn 0-based index of the block's first input column
 * @param width number of one-hot columns {@code k >= 1}
 * @param dim embedding dimension {@code d >= 1}
 */
public record CategoricalEmbedding(
    @JsonProperty("input") String input,
    @JsonProperty("first_column") int firstColumn,
    @JsonProperty("width") int width,
    @JsonProperty("dim") int dim) {

  /**
   * @throws IllegalArgumentException when a value is out of range
   */
  public CategoricalEmbedding {
    Objects.requireNonNull(input, "input");
    if (firstColumn < 0 || width < 1 || dim < 1) {
      throw new IllegalArgumentException(
          "embedding of '" + input + "': first_column " + firstColumn + ", width " + width
              + ", dim " + dim + " must be >= 0, >= 1, >= 1");
    }
  }

  /** One past the block's last column. */
  public int endColumn() {
    return firstColumn + width;
  }

  /**
   * The embedding dimension for a block of {@code k} one-hot columns: {@code max(1, min(k,
   * dimMax, round(1.6 · k^0.56)))}. The power rule is fastai's {@code emb_sz_rule} (Howard and
   * Gugger, "fastai: A Layered API for Deep Learning", Information 11(2), 2020), capped by {@code
   * embedding_dim_max} and by {@code k} (more dimensions than levels add nothing a linear map can
   * use). Examples: k = 2 → 2, 3 → 3, 10 → 6, 41 → 13, 100 → 21 (capped to 16 by default).
   *
   * @throws IllegalArgumentException when {@code k < 1} or {@code dimMax < 1}
   */
  public static int dimension(int k, int dimMax) {
    if (k < 1 || dimMax < 1) {
      throw new IllegalArgumentException("k " + k + " and dimMax " + dimMax + " must be >= 1");
    }
    long rule = Math.round(1.6 * Math.pow(k, 0.56));
    return (int) Math.max(1, Math.min(Math.min(k, dimMax), rule));
  }

  /**
   * The embeddings of an {@code mlp} fit: one per block with {@link
   * NetworkParams#CATEGORICAL_ENCODING} {@code embedding}, none with {@code one_hot} or for a
   * learner without that parameter (the {@code cnn}).
   */
  static List<CategoricalEmbedding> layout(ParamSet p, List<CategoricalBlock> blocks) {
    if (blocks.isEmpty()
        || !p.specs().contains(NetworkParams.CATEGORICAL_ENCODING)
        || !NetworkParams.EMBEDDING.equals(p.getString(NetworkParams.CATEGORICAL_ENCODING.name()))) {
      return List.of();
    }
    int dimMax = p.getInt(NetworkParams.EMBEDDING_DIM_MAX.name());
    List<CategoricalEmbedding> out = new ArrayList<>(blocks.size());
    for (CategoricalBlock b : blocks) {
      out.add(
          new CategoricalEmbedding(
              b.input(), b.firstColumn(), b.width(), dimension(b.width(), dimMax)));
    }
    return List.copyOf(out);
  }

  /**
   * Whether column {@code j} lies in one of {@code layout}'s blocks, as a mask over {@code nFeatures}
   * columns.
   */
  static boolean[] mask(List<CategoricalEmbedding> layout, int nFeatures) {
    boolean[] in = new boolean[nFeatures];
    for (CategoricalEmbedding e : layout) {
      for (int j = e.firstColumn(); j < e.endColumn(); j++) {
        in[j] = true;
      }
    }
    return in;
  }
}
