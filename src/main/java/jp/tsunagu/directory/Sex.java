package jp.tsunagu.directory;

import java.util.Locale;
import java.util.Optional;

/** Administrative sex with FHIR's codes. */
public enum Sex {
    MALE, FEMALE, OTHER, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Sex> ofCode(String code) {
        for (Sex sex : values()) {
            if (sex.code().equals(code)) {
                return Optional.of(sex);
            }
        }
        return Optional.empty();
    }
}
