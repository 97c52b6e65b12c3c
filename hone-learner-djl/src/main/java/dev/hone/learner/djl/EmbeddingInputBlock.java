package dev.hone.learner.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The input stage of an {@code mlp} with embeddings: maps a standardised row {@code (b, nFeatures)}
 * to {@code (b, nNumeric + sum dim)} = [the columns outside every block, in order; then each
 * block's embedding {@code x_block W_i^T}, in layout order]. Each {@code W_i} ({@code [dim][width]})
 * is the weight of a bias-free {@link Linear} child named {@code embedding_i}; slicing and the
 * linear maps are differentiable, so input gradients flow into the one-hot columns.
 */
final class EmbeddingInputBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final List<CategoricalEmbedding> layout;
  private final List<int[]> numericRuns = new ArrayList<>();
  private final List<Block> maps = new ArrayList<>();
  private final long outWidth;

  EmbeddingInputBlock(int nFeatures, List<CategoricalEmbedding> layout) {
    super(VERSION);
    this.layout = List.copyOf(layout);
    boolean[] inBlock = CategoricalEmbedding.mask(layout, nFeatures);
    long width = 0;
    int j = 0;
    while (j < nFeatures) {
      if (inBlock[j]) {
        j++;
        continue;
      }
      int start = j;
      while (j < nFeatures && !inBlock[j]) {
        j++;
      }
      numericRuns.add(new int[] {start, j});
      width += j - start;
    }
    for (int i = 0; i < layout.size(); i++) {
      maps.add(
          addChildBlock(
              "embedding_" + i, Linear.builder().setUnits(layout.get(i).dim()).optBias(false).build()));
      width += layout.get(i).dim();
    }
    this.outWidth = width;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList parts = new NDList();
    for (int[] r : numericRuns) {
      parts.add(x.get(new NDIndex(":, {}:{}", r[0], r[1])));
    }
    for (int i = 0; i < layout.size(); i++) {
      CategoricalEmbedding e = layout.get(i);
      NDArray block = x.get(new NDIndex(":, {}:{}", e.firstColumn(), e.endColumn()));
      parts.add(maps.get(i).forward(ps, new NDList(block), training, params).singletonOrThrow());
    }
    return new NDList(parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outWidth)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    for (int i = 0; i < layout.size(); i++) {
      maps.get(i).initialize(manager, dataType, new Shape(b, layout.get(i).width()));
    }
  }
}
