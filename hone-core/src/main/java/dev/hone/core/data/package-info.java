/** Columnar tables with typed schemas: the vocabulary every other module speaks. */
package dev.hone.core.data;
