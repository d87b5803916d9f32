package jp.tsunagu.record;

import java.time.LocalDate;

import jp.tsunagu.directory.PatientId;

/**
 * A <em>statistical duplicate</em>, as the sustainability figures count it: a prescription of the same
 * ingredient (the first {@value #INGREDIENT_LENGTH} characters of the YJ code, so another maker's or another
 * strength's product of the same substance counts) or a result of the same lab test, from a hospital other
 * than one that prescribed or tested the same within the {@value #WITHIN_DAYS} days up to it. The later of
 * the two is the duplicate, on its day.
 * <p>
 * It differs from the {@link ClinicalDuplicates clinical duplicate} on purpose: a statistic about the cost of
 * care looks back over a year of items at a fixed window and a coarse key so that months compare; a
 * clinician needs to know, now, which current medicines on her screen are the same drug from two hospitals.
 * Only countable items ({@link CountableFacts}) take part.
 */
public record StatisticalDuplicate(PatientId patient, LocalDate day) {

    /** Characters of the YJ code (薬価基準収載医薬品コード) that name the ingredient. */
    public static final int INGREDIENT_LENGTH = 7;
    /** How far apart (in days) two hospitals' prescriptions or tests may be to count as one duplicate. */
    public static final int WITHIN_DAYS = 30;
}
