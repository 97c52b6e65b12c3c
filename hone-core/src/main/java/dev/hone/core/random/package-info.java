/** Explicit, derived seeds: no global random generator anywhere in Hone. */
package dev.hone.core.random;
