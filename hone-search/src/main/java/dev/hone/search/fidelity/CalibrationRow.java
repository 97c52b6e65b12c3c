package dev.hone.search.fidelity;

/**
 * One candidate fidelity of a {@link CalibrationResult}.
 *
 * @param fidelity textual form of the fidelity (see {@link Fidelity#parse})
 * @param kind the fidelity's kind
 * @param costFraction cost relative to full fidelity: the pilot's measured cost (sum of the low
 *     fidelity's evaluation times over the sum of the full evaluations' times) when times were
 *     given, else {@link Fidelity#nominalCost()}
 * @param nominalCost {@link Fidelity#nominalCost()}
 * @param spearman Spearman's ρ between low- and full-fidelity scores over the configurations
 *     ({@code NaN} when undefined, e.g. constant scores)
 * @param spearmanLow lower bound of ρ's interval
 * @param spearmanHigh upper bound of ρ's interval
 * @param kendall Kendall's τ-b
 * @param kendallLow lower bound of τ's interval
 * @param kendallHigh upper bound of τ's interval
 * @param nConfigs configurations with finite scores at both fidelities
 * @param trusted whether the fidelity passed the rule of {@link CalibrationOptions}
 * @param chosen whether it is the chosen (cheapest trusted) fidelity
 * @param reason why it is trusted or refused, in words
 */
public record CalibrationRow(
    String fidelity,
    FidelityKind kind,
    double costFraction,
    double nominalCost,
    double spearman,
    double spearmanLow,
    double spearmanHigh,
    double kendall,
    double kendallLow,
    double kendallHigh,
    int nConfigs,
    boolean trusted,
    boolean chosen,
    String reason) {}
