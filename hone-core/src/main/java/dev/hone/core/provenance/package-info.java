/** Provenance records written beside every model. */
package dev.hone.core.provenance;
