/** Typed hyperparameter declarations: an unknown key is an error. */
package dev.hone.core.params;
