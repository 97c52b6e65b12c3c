/**
 * The {@code xgboost} learner: gradient-boosted trees through XGBoost4J, with Hone's own
 * round-by-round training loop (validation reporting, early stopping), typed hyperparameters
 * ({@link dev.hone.learner.xgboost.XGBoostParams}) and models saved in XGBoost's JSON format.
 */
package dev.hone.learner.xgboost;
