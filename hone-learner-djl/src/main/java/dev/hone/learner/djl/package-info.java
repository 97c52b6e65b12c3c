/**
 * The {@code mlp} (tables) and {@code cnn} (images) learners: neural networks trained with DJL on
 * its PyTorch engine (CPU, loaded offline from the class path), exposed as {@link
 * dev.hone.core.model.DifferentiableModel}s ({@link dev.hone.learner.djl.NetworkModel}) so that
 * gradient attacks and gradient explanations can use them. The only place native DJL code is
 * touched.
 */
package dev.hone.learner.djl;
