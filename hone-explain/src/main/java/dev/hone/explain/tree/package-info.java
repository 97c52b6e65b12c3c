/**
 * Tree ensembles in a neutral representation ({@link dev.hone.explain.tree.Tree}, {@link
 * dev.hone.explain.tree.TreeEnsemble}), read from XGBoost's JSON model format without native code
 * ({@link dev.hone.explain.tree.XGBoostJson}), and explained with path-dependent TreeSHAP ({@link
 * dev.hone.explain.tree.TreeShap}).
 */
package dev.hone.explain.tree;
