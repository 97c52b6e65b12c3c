package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.data.image.ImageReaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code hone train --task image} ({@link ImageTrainWorkflow}).
 *
 * @param data a directory with MNIST IDX files or one sub-folder per class, or scikit-learn's
 *     {@code digits.csv[.gz]}
 * @param channels folder of classes: 1 (grayscale) or 3 (RGB)
 * @param imageWidth folder of classes: resize every image to this width, or 0 to keep sizes
 * @param imageHeight folder of classes: resize to this height, or 0 (together with width)
 * @param trials search trials to complete (≥ 1)
 * @param timeBudget no new search trial starts after this long; {@code null} for none
 * @param seed root seed of the split, the search, every fit and the bootstrap
 * @param out output directory
 * @param threads native threads per fit (≥ 1)
 * @param searchEpochs maximum epochs of each search trial (≥ 1)
 * @param finalEpochs maximum epochs of the final fit (≥ 1); early stopping on validation
 * @param searchDownscale search trials see images downscaled by this integer factor (area
 *     averaging; the image resolution fidelity); 1 = full resolution. Ignored (1 is used) when it
 *     does not divide the image size or would leave fewer than 7 pixels a side
 */
public record ImageTrainConfig(
    Path data,
    int channels,
    int imageWidth,
    int imageHeight,
    int trials,
    Duration timeBudget,
    long seed,
    Path out,
    int threads,
    int searchEpochs,
    int finalEpochs,
    int searchDownscale) {

  /** Default {@link #trials()}. */
  public static final int DEFAULT_TRIALS = 6;

  /** Default {@link #searchEpochs()}. */
  public static final int DEFAULT_SEARCH_EPOCHS = 3;

  /** Default {@link #finalEpochs()}. */
  public static final int DEFAULT_FINAL_EPOCHS = 12;

  /** Default {@link #searchDownscale()}. */
  public static final int DEFAULT_SEARCH_DOWNSCALE = 2;

  public ImageTrainConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    folderOptions(channels, imageWidth, imageHeight); // validates
    check(trials >= 1, "--trials", trials);
    check(threads >= 1, "--threads", threads);
    check(searchEpochs >= 1, "--search-epochs", searchEpochs);
    check(finalEpochs >= 1, "--epochs", finalEpochs);
    check(searchDownscale >= 1, "--search-downscale", searchDownscale);
  }

  /** How a folder of class sub-folders is read. */
  public ImageReaders.FolderOptions folder() {
    return folderOptions(channels, imageWidth, imageHeight);
  }

  private static ImageReaders.FolderOptions folderOptions(int c, int w, int h) {
    return new ImageReaders.FolderOptions(c, h, w);
  }

  private static void check(boolean ok, String option, int value) {
    if (!ok) {
      throw new InvalidParameterException(option + " was " + value + " but must be >= 1");
    }
  }
}
