/**
 * Labelled image sets ({@link dev.hone.data.image.ImageDataset}, {@code [n][channels][h][w]} in
 * [0, 1]), their readers (MNIST IDX, folder per class, scikit-learn digits) and operations
 * (downscaling by area averaging, stratified splits). Pure Java.
 */
package dev.hone.data.image;
