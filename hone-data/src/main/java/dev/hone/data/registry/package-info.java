/** Named public datasets with pinned SHA-256 hashes: cache, mirror and verified download. */
package dev.hone.data.registry;
