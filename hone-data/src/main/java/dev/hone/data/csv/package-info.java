/** Reading delimited text files (CSV, TSV, gzip) into typed tables. */
package dev.hone.data.csv;
