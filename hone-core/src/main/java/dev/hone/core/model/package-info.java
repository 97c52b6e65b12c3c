/** Learner and model SPIs: engines plug in here through ServiceLoader. */
package dev.hone.core.model;
