package dev.hone.experiment;

import java.util.List;

/**
 * What {@code hone predict} did with an image model ({@link ImagePredictor}).
 *
 * @param images number of images predicted (rows written)
 * @param shape {@code [channels, height, width]} of the images (the model's input shape)
 * @param layout how the input was read: {@code idx}, {@code folder}, {@code files} or {@code
 *     digits-csv}
 * @param labelled images whose label was read and names one of the model's classes; 0 when the
 *     input carries no labels or its label names are not the model's class names
 * @param accuracy share of the labelled images whose predicted class is their label, in [0, 1];
 *     NaN when {@code labelled} is 0
 * @param note why no accuracy was computed although labels were read, or empty
 */
public record ImagePredictionResult(
    int images, List<Integer> shape, String layout, int labelled, double accuracy, String note) {
  public ImagePredictionResult {
    shape = List.copyOf(shape);
  }
}
