/** Seeded, stratified train / validation / test splits. */
package dev.hone.data.split;
