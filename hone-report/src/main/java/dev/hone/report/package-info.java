/**
 * The HTML report and model card: renders result records, computes nothing. Charts are inline SVG
 * drawn with JFreeChart and JFreeSVG; templates are JMustache.
 */
package dev.hone.report;
