package dev.hone.learner.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.hone.core.params.ParamSet;
import java.util.List;

/** Builds the DJL blocks of both learners from their resolved parameters. */
final class Networks {
  private Networks() {}

  /** Builds a fresh block from the resolved parameters, output count and input layout. */
  @FunctionalInterface
  interface Factory {
    Block build(ParamSet p, int nOutputs, List<CategoricalEmbedding> embeddings, int nFeatures);
  }

  static Block activation(String name) {
    return switch (name) {
      case "relu" -> Activation.reluBlock();
      case "tanh" -> Activation.tanhBlock();
      case "gelu" -> Activation.geluBlock();
      default -> throw new IllegalArgumentException("activation " + name);
    };
  }

  /**
   * MLP: {@code depth} x [Linear(width_i or width), BatchNorm?, activation, Dropout?], residual
   * around layers 2..depth whose width equals the previous layer's when asked, then Linear(nOutputs) producing logits (or the scaled regression value).
   */
  static Block mlp(ParamSet p, int nOutputs) {
    return mlp(p, nOutputs, List.of(), 0);
  }

  /**
   * As {@link #mlp(ParamSet, int)}, preceded by an {@link EmbeddingInputBlock} over {@code
   * nFeatures} input columns when {@code embeddings} is not empty.
   */
  static Block mlp(
      ParamSet p, int nOutputs, List<CategoricalEmbedding> embeddings, int nFeatures) {
    int depth = p.getInt(NetworkParams.DEPTH.name());
    boolean residual = NetworkParams.flag(p, NetworkParams.RESIDUAL);
    SequentialBlock net = new SequentialBlock();
    if (!embeddings.isEmpty()) {
      net.add(new EmbeddingInputBlock(nFeatures, embeddings));
    }
    int previous = -1;
    for (int layer = 0; layer < depth; layer++) {
      int width = NetworkParams.layerWidth(p, layer);
      SequentialBlock hidden = new SequentialBlock();
      hidden.add(Linear.builder().setUnits(width).build());
      addNormActDrop(hidden, p);
      boolean skip = residual && layer > 0 && width == previous;
      previous = width;
      if (skip) {
        net.add(
            new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(hidden, Blocks.identityBlock())));
      } else {
        net.add(hidden);
      }
    }
    net.add(Linear.builder().setUnits(nOutputs).build());
    return net;
  }

  /**
   * CNN: {@code conv_blocks} x [Conv2d(channels * 2^b, k x k, same padding), BatchNorm?,
   * activation, 2x2 pool?], flatten, [Linear(dense_width), activation, Dropout?] when dense_width
   * &gt; 0, then Linear(nOutputs).
   */
  static Block cnn(ParamSet p, int nOutputs) {
    int blocks = p.getInt(NetworkParams.CONV_BLOCKS.name());
    int channels = p.getInt(NetworkParams.CHANNELS.name());
    int k = Integer.parseInt(p.getString(NetworkParams.KERNEL_SIZE.name()));
    String pooling = p.getString(NetworkParams.POOLING.name());
    boolean bn = NetworkParams.flag(p, NetworkParams.BATCH_NORM);
    String act = p.getString(NetworkParams.ACTIVATION.name());
    int dense = p.getInt(NetworkParams.DENSE_WIDTH.name());
    double dropout = p.getDouble(NetworkParams.DROPOUT.name());
    SequentialBlock net = new SequentialBlock();
    for (int b = 0; b < blocks; b++) {
      net.add(
          Conv2d.builder()
              .setFilters(channels << b)
              .setKernelShape(new Shape(k, k))
              .optPadding(new Shape(k / 2, k / 2))
              .build());
      if (bn) {
        net.add(BatchNorm.builder().build());
      }
      net.add(activation(act));
      switch (pooling) {
        case "max" -> net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        case "avg" -> net.add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        default -> { }
      }
    }
    net.add(Blocks.batchFlattenBlock());
    if (dense > 0) {
      net.add(Linear.builder().setUnits(dense).build());
      net.add(activation(act));
      if (dropout > 0) {
        net.add(Dropout.builder().optRate((float) dropout).build());
      }
    }
    net.add(Linear.builder().setUnits(nOutputs).build());
    return net;
  }

  /** {@link #cnn(ParamSet, int)} as a {@link Factory}: images have no categorical blocks. */
  static Block cnn(
      ParamSet p, int nOutputs, List<CategoricalEmbedding> embeddings, int nFeatures) {
    return cnn(p, nOutputs);
  }

  private static void addNormActDrop(SequentialBlock b, ParamSet p) {
    if (NetworkParams.flag(p, NetworkParams.BATCH_NORM)) {
      b.add(BatchNorm.builder().build());
    }
    b.add(activation(p.getString(NetworkParams.ACTIVATION.name())));
    double dropout = p.getDouble(NetworkParams.DROPOUT.name());
    if (dropout > 0) {
      b.add(Dropout.builder().optRate((float) dropout).build());
    }
  }
}
