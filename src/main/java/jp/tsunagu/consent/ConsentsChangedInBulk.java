package jp.tsunagu.consent;

/** Published after many patients' consent changed at once (a bulk load); listeners rebuild what they derive. */
public record ConsentsChangedInBulk(int patients) {
}
