/** Data-quality checks such as exact duplicate rows within and across splits. */
package dev.hone.data.quality;
