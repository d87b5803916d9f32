package jp.tsunagu.research;

/**
 * What the public register of data uses says has changed: a study was approved, or a patient who accepted an
 * invitation had her contact details handed over. Published inside the transaction; the public figures refresh
 * after it commits, so that the register reads as of that moment, not as of the next scheduled refresh.
 */
public record RegisterChanged() {
}
