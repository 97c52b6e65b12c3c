/** The shared JSON codec. */
package dev.hone.core.json;
