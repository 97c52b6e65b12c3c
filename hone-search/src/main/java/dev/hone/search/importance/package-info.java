/**
 * Hyperparameter importance from a study's trials: {@link
 * dev.hone.search.importance.PedAnova} (Watanabe, Bansal, Hutter 2023).
 */
package dev.hone.search.importance;
